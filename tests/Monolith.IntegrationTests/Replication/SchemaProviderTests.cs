using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using Monolith.Binlog;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using Monolith.Binlog.Schema;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Replication.ReplicationTestKit;

namespace Monolith.IntegrationTests.Replication;

[Collection(MariaDbCollection.Name)]
public sealed class SchemaProviderTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Demo_like_table_is_described_with_types_labels_signedness_charsets_and_key()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.orders (" +
            "id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, total DECIMAL(12,2) NOT NULL, " +
            "status ENUM('new','it''s paid','a\\\\b','x,y') NOT NULL DEFAULT 'new', " +
            "customer VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, note VARCHAR(20) " +
            "CHARACTER SET latin1, doc JSON, tags SET('red','green'), PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4");
        await using var provider = Provider(server.Port);

        var table = provider.GetTable(database, "orders", null);

        Assert.NotNull(table);
        var columns = table.Columns;
        Assert.Equal(["id", "total", "status", "customer", "note", "doc", "tags"], columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 7), columns.Select(c => c.Ordinal));
        Assert.Equal(["bigint", "decimal", "enum", "varchar", "varchar", "json", "set"],
            columns.Select(c => c.DataType));
        Assert.True(columns[0].IsUnsigned);
        Assert.True(columns[0].IsPrimaryKey);
        Assert.False(columns[0].IsNullable);
        Assert.Equal("decimal(12,2)", columns[1].ColumnType);
        Assert.False(columns[1].IsUnsigned);
        Assert.Equal(["new", "it's paid", "a\\b", "x,y"], columns[2].Labels);
        Assert.Equal("utf8mb4", columns[3].CharacterSet);
        Assert.True(columns[3].IsNullable);
        Assert.Equal("latin1", columns[4].CharacterSet);
        Assert.Equal(["red", "green"], columns[6].Labels);
        Assert.Null(columns[0].CharacterSet);
        Assert.DoesNotContain(columns, c => c.IsPrimaryKey && c.Name != "id");

        // Asked again, the answer comes from the history: the same object.
        Assert.Same(table, provider.GetTable(database, "orders", null));
    }

    [Fact]
    public async Task Missing_table_is_null_and_is_not_asked_again_until_invalidated()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}");
        await using var provider = Provider(server.Port);

        Assert.Null(provider.GetTable(database, "later", null));
        await server.ExecuteAsync($"CREATE TABLE {database}.later (a INT)");
        Assert.Null(provider.GetTable(database, "later", null));

        provider.Invalidate(database, "later");
        Assert.Equal(["a"], provider.GetTable(database, "later", null)!.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Unreachable_server_gives_null_and_says_so_once()
    {
        var logger = new CapturingLogger();
        await using var provider = Provider(port: 1, logger);

        Assert.Null(provider.GetTable("shop", "orders", null));
        Assert.Null(provider.GetTable("shop", "customers", null));
        Assert.Null(provider.GetTable("shop", "orders", null));

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("127.0.0.1:1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("@1, @2", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_connection_is_replaced_on_the_next_question()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.a (x INT); " +
            $"CREATE TABLE {database}.b (y INT)");
        await using var provider = Provider(server.Port);
        Assert.NotNull(provider.GetTable(database, "a", null));

        // Kill every connection of the replication user, which includes the provider's.
        await using (var admin = await server.OpenAdminAsync())
        {
            var ids = new List<long>();
            await using (var list = new MySqlConnector.MySqlCommand(
                $"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '{server.User}'", admin))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            Assert.NotEmpty(ids);
            foreach (var id in ids)
            {
                await using var kill = new MySqlConnector.MySqlCommand($"KILL {id}", admin);
                await kill.ExecuteNonQueryAsync();
            }
        }

        Assert.Equal(["y"], provider.GetTable(database, "b", null)!.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task History_built_while_streaming_decodes_old_rows_with_the_columns_they_were_written_with()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        var (file, position) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1)");
        await server.ExecuteAsync($"ALTER TABLE {database}.t ADD COLUMN label VARCHAR(10) AFTER id");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (2, 'two')");
        await server.ExecuteAsync($"ALTER TABLE {database}.t DROP COLUMN label, ADD COLUMN amount DECIMAL(8,2)");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (3, 3.50)");

        // Catching up without a history: the table is read from the server when first met, after both ALTERs
        // ran, so the first row gets today's columns and the interpreted ALTERs build on them. The rows of the
        // first two TABLE_MAPs have 1 and 2 columns; a decoder comparing counts falls back to @1, @2 names.
        await using (var provider = new TrackingSchemaProvider(new SchemaHistory(), Reader(server.Port)))
        {
            Assert.Equal([["id", "amount"], ["id", "label", "amount"], ["id", "amount"]],
                await StreamAsync(provider, $"{file}:{position}"));
        }

        // A history that was following live from the table's creation: every row gets its own columns.
        var live = new SchemaHistory();
        live.ApplyStatement(database, "CREATE TABLE t (id INT PRIMARY KEY)", new BinlogPosition(file, position));
        await using (var provider = new TrackingSchemaProvider(live, Reader(server.Port)))
        {
            var seen = await StreamAsync(provider, $"{file}:{position}");

            Assert.Equal([["id"], ["id", "label"], ["id", "amount"]], seen);
        }

        // Restored from its exported form, the history answers the same for a replay.
        var restored = SchemaHistory.Import(live.Export());
        await using (var provider = new TrackingSchemaProvider(restored, Reader(server.Port)))
        {
            Assert.Equal([["id"], ["id", "label"], ["id", "amount"]],
                await StreamAsync(provider, $"{file}:{position}"));
        }

        async Task<List<string[]>> StreamAsync(TrackingSchemaProvider provider, string start)
        {
            var options = Options(server, start);
            options.StopAtEnd = true;
            var handler = new SchemaFollowingHandler(provider, database);
            await new ReplicationClient(options, handler).RunAsync();
            return handler.ColumnsPerTableMap;
        }
    }

    private TrackingSchemaProvider Provider(int port, ILogger? logger = null) =>
        new(new SchemaHistory(), Reader(port, logger), logger);

    private InformationSchemaReader Reader(int port, ILogger? logger = null) => new(new ConnectionOptions
    {
        Host = server.Host,
        Port = port,
        User = server.User,
        Password = server.Password,
        TlsMode = TlsMode.Disabled,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    }, logger);

    /// <summary>
    /// Plays the decoder's part as far as the schema provider is concerned: sets the position of each event,
    /// passes QUERY statements with their default database, and asks for the table of each TABLE_MAP.
    /// </summary>
    private sealed class SchemaFollowingHandler(TrackingSchemaProvider provider, string database) : IBinlogEventHandler
    {
        private string _file = "";

        public List<string[]> ColumnsPerTableMap { get; } = [];

        public void OnEvent(ReadOnlySpan<byte> eventBytes)
        {
            var body = eventBytes[19..^4];
            var end = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[13..]);
            var position = new BinlogPosition(_file, end);
            switch (eventBytes[4])
            {
                case 4:
                    _file = Encoding.UTF8.GetString(body[8..]);
                    break;
                case 2:
                    var databaseLength = body[8];
                    var statusLength = BinaryPrimitives.ReadUInt16LittleEndian(body[11..]);
                    var schema = Encoding.UTF8.GetString(body.Slice(13 + statusLength, databaseLength));
                    var sql = Encoding.UTF8.GetString(body[(13 + statusLength + databaseLength + 1)..]);
                    provider.ApplyStatement(schema.Length > 0 ? schema : null, sql, position);
                    break;
                case 19:
                    var databaseNameLength = body[8];
                    var tableDatabase = Encoding.UTF8.GetString(body.Slice(9, databaseNameLength));
                    var tableNameLength = body[9 + databaseNameLength + 1];
                    var table = Encoding.UTF8.GetString(body.Slice(9 + databaseNameLength + 2, tableNameLength));
                    if (tableDatabase == database)
                    {
                        var columns = provider.GetTable(tableDatabase, table, position)!.Columns;
                        ColumnsPerTableMap.Add([.. columns.Select(c => c.Name)]);
                    }

                    break;
            }
        }

        public ResumePoint? GetResumePoint() => null;

        public void OnConnectionLost(Exception reason)
        {
        }
    }
}
