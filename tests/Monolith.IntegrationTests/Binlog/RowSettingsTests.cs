using System.Globalization;
using Monolith.Binlog.Rows;
using MySqlConnector;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Decoding under server settings that change what the binlog carries: full row metadata in TABLE_MAP (decoded
/// without asking the server for a schema) and compressed rows and query events.
/// </summary>
public sealed class RowSettingsTests(RowSettingsMariaDb server) : IClassFixture<RowSettingsMariaDb>
{
    // Columns whose type only the schema names (MariaDB's JSON is LONGTEXT, UUID and INET are BINARY).
    private static readonly HashSet<string> s_schemaOnly = ["j", "u", "ip6", "ip4"];

    [Fact]
    public async Task Full_row_metadata_gives_names_signedness_charsets_and_labels_without_a_schema()
    {
        var database = "meta_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}; {AllTypesTable.Create(database, "t")}");
        await AllTypesTable.InsertAllAsync(server, database, "t");
        var truth = await SqlTruth.ForTableAsync(server, database, "t");
        var expected = await truth.SelectAsync(server, "id");

        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}", withSchema: false, keepEvents: true);

        var rows = stream.RowsOf(database, "t");
        Assert.Equal(4, rows.Count);
        for (var id = 1; id <= 4; id++)
        {
            var decoded = rows[id - 1].After!;
            string[] names = ["id", .. AllTypesTable.Columns.Select(c => c.Name)];
            Assert.Equal(names, decoded.Select(pair => pair.Key));
            foreach (var name in s_schemaOnly)
            {
                decoded.Remove(name);
            }

            var row = expected[$"{id}"].Where(pair => !s_schemaOnly.Contains(pair.Key))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            truth.AssertSame(row, decoded, $"row {id} decoded from TABLE_MAP metadata alone");
        }

        var table = stream.Transactions.SelectMany(t => t.Events).First(e => e.Table.Database == database).Table;
        Assert.All(table.Columns, c => Assert.True(c.HasName));
        Assert.True(Column(table, "biu").IsUnsigned);
        Assert.False(Column(table, "bi").IsUnsigned);
        Assert.True(Column(table, "dec52u").IsUnsigned);
        Assert.Equal("utf8mb4", Column(table, "vc4").CharsetName);
        Assert.Equal("utf8mb3", Column(table, "vc3").CharsetName);
        Assert.Equal("latin1", Column(table, "vc1").CharsetName);
        Assert.Equal("binary", Column(table, "vb").CharsetName);
        Assert.Equal(new[] { "a", "b", "ü-😀" }, Column(table, "e").Labels);
        Assert.Equal(new[] { "x", "y", "z", "ü" }, Column(table, "s").Labels);
        Assert.True(Column(table, "id").IsPrimaryKey);
    }

    [Fact]
    public async Task Compressed_events_decode_equal_to_the_same_rows_uncompressed()
    {
        var plain = "plain_" + Guid.NewGuid().ToString("N")[..8];
        var packed = "packed_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await WriteAsync(plain, compress: false);
        var (packedFile, packedOffset) = await server.GetBinlogPositionAsync();
        await WriteAsync(packed, compress: true);
        var truth = await SqlTruth.ForTableAsync(server, packed, "t");
        var expected = await truth.SelectAsync(server, "id");

        var compressed = await CompressedEventCountAsync(packedFile, packedOffset);
        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}");

        Assert.True(compressed >= 6, $"the server wrote {compressed} compressed events");
        var uncompressedRows = stream.RowsOf(plain, "t");
        var compressedRows = stream.RowsOf(packed, "t");
        Assert.Equal(6, compressedRows.Count);
        Assert.Equal(uncompressedRows.Select(r => r.Type), compressedRows.Select(r => r.Type));
        for (var i = 0; i < compressedRows.Count; i++)
        {
            Assert.Equal(uncompressedRows[i].Before?.ToJsonString(), compressedRows[i].Before?.ToJsonString());
            Assert.Equal(uncompressedRows[i].After?.ToJsonString(), compressedRows[i].After?.ToJsonString());
        }

        foreach (var id in expected.Keys)
        {
            truth.AssertSame(expected[id], compressedRows.Last(r => r.Type != "delete" &&
                r.After!["id"]!.ToJsonString() == id).After!, $"compressed row {id}");
        }

        Assert.Contains(stream.Transactions, t => t.Statements.Any(s => s.Contains(packed, StringComparison.Ordinal)));
    }

    private static ColumnInfo Column(TableDecoder table, string name) => table.Columns[table.GetOrdinal(name)];

    private async Task WriteAsync(string database, bool compress)
    {
        await using var connection = await server.OpenAdminAsync();
        await ExecuteAsync(connection, $"SET GLOBAL log_bin_compress = {(compress ? "ON" : "OFF")}");
        try
        {
            await ExecuteAsync(connection, $"SET time_zone = '{AllTypesTable.WriteTimeZone}'");
            await ExecuteAsync(connection, $"CREATE DATABASE {database}");

            // A long statement: MariaDB compresses QUERY events too once they pass the minimum length.
            await ExecuteAsync(connection, AllTypesTable.Create(database, "t"));
            for (var id = 1; id <= 4; id++)
            {
                await ExecuteAsync(connection, AllTypesTable.Insert(database, "t", id));
            }

            await ExecuteAsync(connection, $"UPDATE {database}.t SET ti = 5, vc4 = 'changed' WHERE id = 3");
            await ExecuteAsync(connection, $"DELETE FROM {database}.t WHERE id = 1");
        }
        finally
        {
            await ExecuteAsync(connection, "SET GLOBAL log_bin_compress = OFF");
        }
    }

    private async Task<int> CompressedEventCountAsync(string file, long from)
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlCommand(
            $"SHOW BINLOG EVENTS IN '{file}' FROM {from.ToString(CultureInfo.InvariantCulture)}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            if (reader.GetString(reader.GetOrdinal("Event_type")).Contains("compressed",
                StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
