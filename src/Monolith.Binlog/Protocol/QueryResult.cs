namespace Monolith.Binlog.Protocol;

/// <summary>
/// The outcome of a text query: the columns and rows of its first result set (values as the server's text,
/// NULL as null), or only the affected-row count of a statement that returns no rows.
/// </summary>
public sealed class QueryResult
{
    private readonly List<QueryRow> _rows = [];

    internal QueryResult(IReadOnlyList<ColumnDefinition> columns, ulong affectedRows)
    {
        Columns = columns;
        AffectedRows = affectedRows;
    }

    /// <summary>Columns of the result set; empty for a statement without one.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>Rows in the order sent.</summary>
    public IReadOnlyList<QueryRow> Rows => _rows;

    /// <summary>Rows changed by a statement without a result set.</summary>
    public ulong AffectedRows { get; }

    /// <summary>The position of the column named <paramref name="name"/> (ignoring case), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    internal void AddRow(string?[] values) => _rows.Add(new QueryRow(this, values));
}
