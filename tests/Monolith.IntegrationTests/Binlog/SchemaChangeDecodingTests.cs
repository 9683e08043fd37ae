using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Columns added, modified and dropped between inserts: read after the fact (when information_schema shows only
/// the last shape), each row decodes with the columns, names and types in force when it was written.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class SchemaChangeDecodingTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Each_row_decodes_with_the_schema_in_force_when_it_was_written()
    {
        var database = "ddl_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}");
        await server.ExecuteAsync(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT UNSIGNED) DEFAULT CHARSET=utf8mb4; " +
            "INSERT INTO t VALUES (1, 4294967295); " +
            "ALTER TABLE t ADD COLUMN b VARCHAR(10) DEFAULT 'x', ADD COLUMN e ENUM('red', 'green') AFTER id; " +
            "INSERT INTO t (id, e, a, b) VALUES (2, 'green', 2, 'two'); " +
            "ALTER TABLE t MODIFY COLUMN a VARCHAR(20) CHARACTER SET latin1, MODIFY COLUMN e ENUM('green', 'blue'); " +
            "INSERT INTO t VALUES (3, 'blue', 'drei ä', 'three'); " +
            "ALTER TABLE t DROP COLUMN b, ADD COLUMN d DATETIME(3) FIRST; " +
            "INSERT INTO t VALUES ('2024-02-29 23:59:59.125', 4, 'green', 'vier'); " +
            "UPDATE t SET a = 'fünf' WHERE id = 4", database);

        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}");

        var images = stream.RowsOf(database, "t").Select(r => r.After!.ToJsonString()).ToList();
        Assert.Equal(
        [
            """{"id":1,"a":4294967295}""",
            """{"id":2,"e":"green","a":2,"b":"two"}""",
            """{"id":3,"e":"blue","a":"drei ä","b":"three"}""",
            """{"d":"2024-02-29 23:59:59.125","id":4,"e":"green","a":"vier"}""",
            """{"d":"2024-02-29 23:59:59.125","id":4,"e":"green","a":"fünf"}""",
        ], images.Select(Unescape));
        var truth = await SqlTruth.ForTableAsync(server, database, "t");
        var rows = await truth.SelectAsync(server, "id");
        truth.AssertSame(rows["4"], stream.RowsOf(database, "t")[^1].After!, "the last row");
        Assert.Equal(4, stream.Transactions.Count(t => t.Statements.Any(s =>
            s.Contains("TABLE t", StringComparison.OrdinalIgnoreCase))));
    }

    private static string Unescape(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(
        new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
}
