using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// The row images MariaDB writes under <c>binlog_row_image</c> FULL, MINIMAL and NOBLOB decode to exactly the
/// columns the server logged, each equal to the value selected back; a column the server left out is absent
/// from the image, never reported as NULL, and a column set to NULL is present as NULL.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class RowImageModeTests(PrivateMariaDb server)
{
    private static readonly string[] s_all = ["id", "a", "b", "bl", "tx"];
    private static readonly string[] s_noBlobs = ["id", "a", "b"];

    [Theory]
    [InlineData("FULL")]
    [InlineData("MINIMAL")]
    [InlineData("NOBLOB")]
    public async Task Images_hold_the_logged_columns_and_leave_out_the_others(string mode)
    {
        var database = "images_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT NOT NULL " +
            "PRIMARY KEY, a INT, b VARCHAR(20), bl BLOB, tx TEXT) DEFAULT CHARSET=utf8mb4");
        var truth = await SqlTruth.ForTableAsync(server, database, "t");

        await using (var writer = await server.OpenAdminAsync(database))
        {
            await ExecuteAsync(writer, $"SET SESSION binlog_row_image = {mode}");
            await ExecuteAsync(writer, "INSERT INTO t VALUES (1, 10, 'one', x'00FF', 'ü'), (2, 20, 'two', x'', '')");
        }

        var inserted = await truth.SelectAsync(server, "id");
        await using (var writer = await server.OpenAdminAsync(database))
        {
            await ExecuteAsync(writer, $"SET SESSION binlog_row_image = {mode}");
            await ExecuteAsync(writer, "UPDATE t SET a = a + 1, b = NULL WHERE id = 1");
            await ExecuteAsync(writer, "DELETE FROM t WHERE id = 2");
        }

        var updated = await truth.SelectAsync(server, "id");
        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}");
        var rows = stream.RowsOf(database, "t");

        Assert.Equal(["insert", "insert", "update", "delete"], rows.Select(r => r.Type));
        Assert.Equal(s_all, Names(rows[0].After!));
        truth.AssertSame(inserted["1"], rows[0].After!, $"{mode} insert of row 1");
        truth.AssertSame(inserted["2"], rows[1].After!, $"{mode} insert of row 2");
        var (before, after) = mode switch
        {
            "FULL" => (s_all, s_all),
            "MINIMAL" => (new[] { "id" }, new[] { "a", "b" }),
            _ => (s_noBlobs, s_noBlobs),
        };
        Assert.Equal(before, Names(rows[2].Before!));
        Assert.Equal(after, Names(rows[2].After!));
        Assert.Equal(before, Names(rows[3].Before!));
        truth.AssertSame(inserted["1"], rows[2].Before!, $"{mode} update, before", complete: false);
        truth.AssertSame(updated["1"], rows[2].After!, $"{mode} update, after", complete: false);
        truth.AssertSame(inserted["2"], rows[3].Before!, $"{mode} delete", complete: false);

        // b was set to NULL: present, as NULL, in every mode.
        Assert.True(rows[2].After!.ContainsKey("b"));
        Assert.Null(rows[2].After!["b"]);

        // Applying the partial images as a replica would gives the table as it stands.
        var replay = new TableReplay("id");
        foreach (var row in rows)
        {
            replay.Apply(row);
        }

        Assert.Equal(["1"], replay.Rows.Keys);
        truth.AssertSame(updated["1"], replay.Rows["1"], $"{mode} replayed row 1");
    }

    private static string[] Names(JsonObject image) => [.. image.Select(pair => pair.Key)];

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
