namespace Monolith.Binlog.Statements;

/// <summary>The classification of one statement.</summary>
/// <param name="Kind">What the statement does.</param>
/// <param name="Database">The database a database-level statement names, or null.</param>
/// <param name="Tables">
/// The tables a table-level statement names, in order (for RENAME: old, new, old, new, ...); empty otherwise.
/// </param>
/// <param name="IsTemporary">Whether a CREATE or DROP names a TEMPORARY table.</param>
/// <param name="OnePhase">Whether an <c>XA COMMIT</c> says <c>ONE PHASE</c>.</param>
public readonly record struct StatementInfo(
    StatementKind Kind,
    string? Database,
    IReadOnlyList<TableName> Tables,
    bool IsTemporary = false,
    bool OnePhase = false)
{
    /// <summary>Whether the statement changes table or database definitions.</summary>
    public bool IsSchemaChange => Kind >= StatementKind.CreateTable;

    /// <summary>Whether the statement controls a transaction (BEGIN, COMMIT, XA, ...).</summary>
    public bool IsTransactionControl => Kind is >= StatementKind.Begin and <= StatementKind.XaRollback;
}
