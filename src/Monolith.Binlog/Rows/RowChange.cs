namespace Monolith.Binlog.Rows;

/// <summary>
/// One changed row: an insert has an <see cref="After"/> image, a delete a <see cref="Before"/> image, an update
/// both. Valid until the reader moves on.
/// </summary>
public readonly ref struct RowChange
{
    internal RowChange(RowChangeKind kind, RowImage before, RowImage after, int index)
    {
        Kind = kind;
        Before = before;
        After = after;
        Index = index;
    }

    /// <summary>Insert, update or delete.</summary>
    public RowChangeKind Kind { get; }

    /// <summary>The row before the change (updates and deletes); an empty image for inserts.</summary>
    public RowImage Before { get; }

    /// <summary>The row after the change (inserts and updates); an empty image for deletes.</summary>
    public RowImage After { get; }

    /// <summary>The zero-based index of the row within its rows event.</summary>
    public int Index { get; }
}
