namespace Monolith.Binlog.Schema;

/// <summary>What reading a table's schema from the server gave.</summary>
/// <param name="Schema">The schema, when the table exists.</param>
/// <param name="DefaultCharacterSet">The table's default character set, when the table exists.</param>
/// <param name="ServerReachable">False when the server could not be asked; then nothing is known.</param>
public sealed record TableReadResult(TableSchema? Schema, string? DefaultCharacterSet, bool ServerReachable);
