namespace Monolith.Binlog.Schema;

/// <summary>
/// One version of one table's schema in a <see cref="SchemaHistory"/>, as plain data for checkpoints: the
/// schema in force from <see cref="File"/>:<see cref="Offset"/> on, until the table's next entry.
/// </summary>
public sealed record SchemaHistoryEntry
{
    /// <summary>Database of the table.</summary>
    public required string Database { get; init; }

    /// <summary>Table name.</summary>
    public required string Table { get; init; }

    /// <summary>Binlog file from which the version is in force.</summary>
    public required string File { get; init; }

    /// <summary>Offset in <see cref="File"/> from which the version is in force.</summary>
    public required long Offset { get; init; }

    /// <summary>The columns, or null when the table does not exist from this point (dropped, renamed away).</summary>
    public IReadOnlyList<ColumnSchema>? Columns { get; init; }

    /// <summary>The table's default character set, for text columns added later without one.</summary>
    public string? DefaultCharacterSet { get; init; }

    /// <summary>
    /// Whether this version must be read again from the server before use: a statement changed the table in a
    /// way the DDL interpreter does not follow.
    /// </summary>
    public bool IsStale { get; init; }
}
