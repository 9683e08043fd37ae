using Monolith.Binlog.Rows;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Values written by SQL, streamed from the live binlog through the replication client and the decoder, equal
/// the values selected back in SQL, for every type MariaDB writes, at its boundaries.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class TypeRoundTripTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Every_type_at_its_boundaries_decodes_to_the_value_selected_back()
    {
        // The stream starts before the CREATE TABLE, so the schema comes from the statement in the binlog:
        // information_schema shows ENUM and SET labels in utf8mb3, with '?' for characters beyond the BMP.
        var database = "types_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}; {AllTypesTable.Create(database, "t")}");

        await AllTypesTable.InsertAllAsync(server, database, "t");
        var truth = await SqlTruth.ForTableAsync(server, database, "t");
        var inserted = await truth.SelectAsync(server, "id");
        await using (var writer = await server.OpenAdminAsync())
        {
            await ExecuteAsync(writer, $"SET time_zone = '{AllTypesTable.WriteTimeZone}'");
            await ExecuteAsync(writer, $"UPDATE {database}.t SET id = id + 10, " +
                string.Join(", ", AllTypesTable.Columns.Select(c => $"`{c.Name}` = NULL")) + " WHERE id = 2");
            await ExecuteAsync(writer, $"UPDATE {database}.t SET " +
                string.Join(", ", AllTypesTable.Columns.Select(c => $"`{c.Name}` = {c.High}")) + " WHERE id = 4");
            await ExecuteAsync(writer, $"DELETE FROM {database}.t WHERE id IN (1, 3)");
        }

        var updated = await truth.SelectAsync(server, "id");
        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}", keepEvents: true);

        var rows = stream.RowsOf(database, "t");
        Assert.Equal(["insert", "insert", "insert", "insert", "update", "update", "delete", "delete"],
            rows.Select(r => r.Type));
        for (var id = 1; id <= 4; id++)
        {
            truth.AssertSame(inserted[$"{id}"], rows[id - 1].After!, $"insert of row {id}");
        }

        truth.AssertSame(inserted["2"], rows[4].Before!, "update of row 2, before");
        truth.AssertSame(updated["12"], rows[4].After!, "update of row 2, after");
        truth.AssertSame(inserted["4"], rows[5].Before!, "update of row 4, before");
        truth.AssertSame(updated["4"], rows[5].After!, "update of row 4, after");
        truth.AssertSame(inserted["1"], rows[6].Before!, "delete of row 1");
        truth.AssertSame(inserted["3"], rows[7].Before!, "delete of row 3");
        Assert.Empty(stream.Notices);

        // The typed accessors read what the JSON lines were written from.
        var scratch = new int[1024];
        var events = stream.Transactions.SelectMany(t => t.Events).Where(e => e.Table.Database == database).ToList();
        var reader = events[1].Read(scratch);
        Assert.True(reader.MoveNext());
        var high = reader.Current.After;
        var table = high.Table;
        Assert.Equal(ulong.MaxValue, high.GetUInt64(table.GetOrdinal("biu")));
        Assert.Equal(long.MaxValue, high.GetInt64(table.GetOrdinal("bi")));
        Assert.Equal(ulong.MaxValue, high.GetUInt64(table.GetOrdinal("b64")));
        Assert.Equal(16_777_215UL, high.GetUInt64(table.GetOrdinal("miu")));
        Assert.Equal(2_147_483_647_999_999L, high.GetTimestampMicroseconds(table.GetOrdinal("ts6")));
        Assert.Equal(3_020_399_000_000L, high.GetTimeMicroseconds(table.GetOrdinal("tm6")));
        Assert.Equal(ValueKind.Json, table.Columns[table.GetOrdinal("j")].Kind);
        reader = events[2].Read(scratch);
        Assert.True(reader.MoveNext());
        var odd = reader.Current.After;
        Assert.Equal(-1L, odd.GetTimeMicroseconds(table.GetOrdinal("tm6")));
        Assert.Equal(-3_723_450_000L, odd.GetTimeMicroseconds(table.GetOrdinal("tm2")));
    }

    [Fact]
    public async Task Every_type_decodes_alike_from_the_live_stream_and_from_the_binlog_file()
    {
        var database = "typesfile_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}; {AllTypesTable.Create(database, "t")}");
        await AllTypesTable.InsertAllAsync(server, database, "t");

        var live = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}");
        var files = await LiveDecoding.DecodeFilesAsync(server);

        var expected = live.RowsOf(database, "t").Select(r => r.Line).ToList();
        var actual = files.RowsOf(database, "t").Select(r => r.Line).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var at = expected[i].Zip(actual[i]).TakeWhile(pair => pair.First == pair.Second).Count();
            Assert.True(expected[i] == actual[i], $"row {i + 1} differs at character {at}: live " +
                $"'{expected[i][Math.Max(0, at - 60)..Math.Min(expected[i].Length, at + 60)]}', file " +
                $"'{actual[i][Math.Max(0, at - 60)..Math.Min(actual[i].Length, at + 60)]}'");
        }
    }

    [Fact]
    public async Task Demo_shop_workload_replayed_from_the_binlog_equals_every_table()
    {
        var database = "shop_types_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Users = 200,
            Products = 60,
            Now = new DateTime(2024, 3, 1),
        });
        var report = await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Seed = 99,
            MaxTransactions = 400,
            TimeMode = ShopTimeMode.Simulated,
            TimeZone = "Europe/Berlin",
        }).RunAsync();
        Assert.Equal(0, report.Failed);

        var stream = await LiveDecoding.CatchUpAsync(server, $"{file}:{offset}");

        foreach (var table in ShopSchema.Tables)
        {
            var truth = await SqlTruth.ForTableAsync(server, database, table);
            var replay = new TableReplay("id");
            foreach (var change in stream.RowsOf(database, table))
            {
                replay.Apply(change);
            }

            var expected = await truth.SelectAsync(server, "id");
            Assert.Equal(expected.Keys.Order(), replay.Rows.Keys.Order());
            foreach (var (id, row) in replay.Rows)
            {
                truth.AssertSame(expected[id], row, $"{table} id {id}");
            }
        }

        Assert.Contains(stream.RowsOf(database, "orders"), r => r.Type == "update");
        Assert.Contains(stream.RowsOf(database, "users"), r => r.Type == "delete");
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
