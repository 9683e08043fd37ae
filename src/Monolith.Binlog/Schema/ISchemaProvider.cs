using Monolith.Binlog.Decoding;

namespace Monolith.Binlog.Schema;

/// <summary>
/// Supplies table schemas to the decoder. The decoder asks when it meets a TABLE_MAP for a table whose decoder it
/// does not hold, naming the position of that event, and tells the provider of every DDL statement that passes in
/// the stream, so that later questions get the schema in force after it.
/// </summary>
public interface ISchemaProvider
{
    /// <summary>
    /// The schema of a table as it stood at <paramref name="position"/> (null: as it stands now), or null when
    /// it cannot be known (the table was dropped, or the provider has no connection). A null answer makes the
    /// decoder name columns <c>@1</c>, <c>@2</c>, ...
    /// </summary>
    TableSchema? GetTable(string database, string table, BinlogPosition? position);

    /// <summary>
    /// A DDL statement passed in the stream: what is known about the tables (or the database) it names no longer
    /// holds after <see cref="SchemaChange.EndPosition"/>.
    /// </summary>
    void OnSchemaChange(in SchemaChange change);
}
