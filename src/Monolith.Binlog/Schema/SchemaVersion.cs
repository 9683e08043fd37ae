namespace Monolith.Binlog.Schema;

/// <summary>A table's schema from a position on: the columns, or null when the table does not exist then.</summary>
/// <param name="From">The position from which this version is in force.</param>
/// <param name="Schema">The table's schema, or null when it does not exist.</param>
/// <param name="DefaultCharacterSet">The table's default character set, when known.</param>
/// <param name="IsStale">Whether it must be read again from the server before use.</param>
public sealed record SchemaVersion(BinlogPosition From, TableSchema? Schema, string? DefaultCharacterSet,
    bool IsStale = false);
