namespace Monolith.Binlog.Schema;

/// <summary>
/// Supplies table schemas to the decoder. The decoder asks when it meets a TABLE_MAP for a table whose
/// schema it does not hold, and tells the provider when a DDL statement passes in the stream so that the
/// next question gets the schema in force after it.
/// </summary>
public interface ISchemaProvider
{
    /// <summary>
    /// The schema of a table as currently known, or null when it cannot be known (the table was dropped, or
    /// the provider has no connection). A null answer makes the decoder name columns <c>@1</c>, <c>@2</c>, ...
    /// </summary>
    TableSchema? GetTable(string database, string table);

    /// <summary>
    /// Forgets what is known about a table (or a whole database when <paramref name="table"/> is null, or
    /// everything when both are null) because a DDL statement passed in the stream.
    /// </summary>
    void Invalidate(string? database, string? table);
}
