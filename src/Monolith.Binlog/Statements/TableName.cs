namespace Monolith.Binlog.Statements;

/// <summary>A table named by a statement, qualified with the statement's default database when it was not.</summary>
/// <param name="Database">The database, or null when neither the statement nor the session named one.</param>
/// <param name="Table">The table.</param>
public readonly record struct TableName(string? Database, string Table)
{
    /// <inheritdoc />
    public override string ToString() => Database is null ? Table : $"{Database}.{Table}";
}
