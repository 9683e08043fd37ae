using Monolith.Binlog.Decoding;
using Monolith.Binlog.Events;
using Monolith.Binlog.Files;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Binlog.Tests.Support;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Decoding;

public class BinlogDecoderTests
{
    private static readonly byte[] s_tableMap =
        TableMapBody(new Column(ColumnType.Long), new Column(ColumnType.VarChar, 20));

    private static byte[] Row(int id, string name) =>
        [0, .. BitConverter.GetBytes(id), .. LengthPrefixed(1, Utf8(name))];

    private static (BinlogDecoder Decoder, RecordingConsumer Consumer, EventBuilder Events) Start(
        ISchemaProvider? schemas = null, BinlogDecoderOptions? options = null)
    {
        var consumer = new RecordingConsumer();
        var decoder = new BinlogDecoder(consumer, schemas, options);
        decoder.SetPosition("binlog.000001", 4);
        var events = new EventBuilder();
        decoder.Feed(events.FormatDescription());
        return (decoder, consumer, events);
    }

    [Fact]
    public void Rows_are_delivered_only_at_xid_with_the_position_after_it()
    {
        var (decoder, consumer, events) = Start();
        var source = Guid.NewGuid();
        decoder.Feed(events.Gtid(source, 7));
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a"), Row(2, "b"))));
        Assert.Empty(consumer.Sequence);
        Assert.True(decoder.InTransaction);

        var xid = events.Xid(99);
        decoder.Feed(xid);
        Assert.Equal(new[] { "start", "rows", "commit" }, consumer.Sequence);
        var commit = Assert.Single(consumer.Commits);
        Assert.Equal(99UL, commit.Xid);
        Assert.Equal(new BinlogPosition("binlog.000001", events.Position), commit.EndPosition);
        Assert.Equal($"{source:D}:7", commit.Gtid.ToString());
        Assert.Equal(2, consumer.Rows.Count);
        Assert.False(decoder.InTransaction);
    }

    [Fact]
    public void Rollback_delivers_the_non_transactional_rows_that_persisted()
    {
        var (decoder, consumer, events) = Start();
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a"))));
        decoder.Feed(events.Query("ROLLBACK"));
        Assert.Equal(TransactionEnding.Rollback, Assert.Single(consumer.Commits).Ending);
        Assert.Single(consumer.Rows);
    }

    [Fact]
    public void Abandoned_transaction_is_never_delivered()
    {
        var (decoder, consumer, events) = Start();
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a"))));
        decoder.AbandonTransaction();
        decoder.Feed(events.Xid(1));
        Assert.Empty(consumer.Rows);
        Assert.Empty(consumer.Commits);
    }

    [Fact]
    public void Identical_table_maps_reuse_one_decoder()
    {
        var (decoder, consumer, events) = Start();
        for (var i = 0; i < 3; i++)
        {
            decoder.Feed(events.Query("BEGIN"));
            decoder.Feed(events.TableMap(s_tableMap));
            decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(i, "x"))));
            decoder.Feed(events.Xid((ulong)i));
        }

        Assert.Equal(1, decoder.Statistics.TableDecodersBuilt);
        Assert.Equal(2, decoder.Statistics.TableMapCacheHits);
        Assert.Same(consumer.RowsEvents[0].Table, consumer.RowsEvents[2].Table);
    }

    [Fact]
    public void Ddl_is_its_own_transaction_and_invalidates_schema_and_decoders()
    {
        var schemas = new CountingSchemaProvider();
        var (decoder, consumer, events) = Start(schemas);
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a"))));
        decoder.Feed(events.Xid(1));
        Assert.Equal("id", consumer.RowsEvents[0].Table.Columns[0].Name);

        decoder.Feed(events.Query("/* note */ ALTER TABLE `t` ADD COLUMN z INT"));
        var change = Assert.Single(consumer.SchemaChanges);
        Assert.Equal(Statements.StatementKind.AlterTable, change.Kind);
        Assert.Equal(("d", "t"), (change.Database, change.Table));
        Assert.Equal(("d", "t"), Assert.Single(schemas.Invalidated));
        Assert.Equal(TransactionEnding.SchemaChange, consumer.Commits[^1].Ending);

        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(2, "b"))));
        decoder.Feed(events.Xid(2));
        Assert.Equal(2, schemas.Lookups);
        Assert.Equal(2, decoder.Statistics.TableDecodersBuilt);
    }

    [Fact]
    public void Large_transaction_spills_to_a_file_and_replays_in_order()
    {
        var directory = Directory.CreateTempSubdirectory("monolith-stage-test").FullName;
        var (decoder, consumer, events) = Start(options: new BinlogDecoderOptions
        {
            StagingMemoryLimit = 4096,
            StagingDirectory = directory,
        });
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        for (var i = 0; i < 2000; i++)
        {
            decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(i, "row" + i), Row(-i, "neg"))));
        }

        Assert.Single(Directory.GetFiles(directory));
        decoder.Feed(events.Xid(5));
        Assert.Equal(4000, consumer.Rows.Count);
        var ids = consumer.RowElements.Select(r => r.GetProperty("after").GetProperty("@1").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, 2000).SelectMany(i => new[] { i, -i }), ids);
        Assert.Contains(consumer.Notices, n => n.Kind == DecoderNoticeKind.TransactionSpilled);
        Assert.Equal(1, decoder.Statistics.TransactionsSpilled);
        decoder.Dispose();
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Flipped_bit_is_a_checksum_error_naming_file_and_offset()
    {
        var (decoder, _, events) = Start();
        var query = events.Query("BEGIN");
        var offset = events.Position - query.Length;
        query[25] ^= 0x10;
        var error = Assert.Throws<BinlogChecksumException>(() => decoder.Feed(query));
        Assert.Equal(new BinlogPosition("binlog.000001", offset), error.Position);
        Assert.Contains("stored 0x", error.Message, StringComparison.Ordinal);
        Assert.Contains("binlog.000001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_event_types_are_skipped_and_reported_once()
    {
        var (decoder, consumer, events) = Start();
        decoder.Feed(events.Event((BinlogEventType)101, [1, 2, 3]));
        decoder.Feed(events.Event((BinlogEventType)101, [4, 5]));
        decoder.Feed(events.Query("BEGIN"));
        Assert.Single(consumer.Notices);
        Assert.Equal(2, decoder.Statistics.UnknownEventsSkipped);
        Assert.True(decoder.InTransaction);
    }

    [Fact]
    public void Encrypted_binlog_is_a_clear_error()
    {
        var (decoder, _, events) = Start();
        var error = Assert.Throws<BinlogFormatException>(() =>
            decoder.Feed(events.Event(BinlogEventType.MariaStartEncryption, new byte[17])));
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_without_a_table_map_are_a_format_error()
    {
        var (decoder, _, events) = Start();
        decoder.Feed(events.Query("BEGIN"));
        var error = Assert.Throws<BinlogFormatException>(() =>
            decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a")))));
        Assert.Contains("table id 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_and_heartbeat_report_progress_outside_transactions()
    {
        var (decoder, consumer, events) = Start();
        decoder.Feed(events.Event(BinlogEventType.Rotate, [4, 0, 0, 0, 0, 0, 0, 0, .. Utf8("binlog.000002")]));
        Assert.Equal(new BinlogPosition("binlog.000002", 4), Assert.Single(consumer.Progress).Position);
        Assert.Equal("binlog.000002", decoder.CurrentFile);
    }

    [Fact]
    public async Task Truncated_file_is_a_truncation_error_at_the_last_event()
    {
        var events = new EventBuilder();
        var fde = events.FormatDescription();
        var begin = events.Query("BEGIN");
        var file = EventBuilder.File(fde, begin)[..^5];
        using var decoder = new BinlogDecoder(new RecordingConsumer());
        var error = await Assert.ThrowsAsync<BinlogTruncatedException>(() =>
            new BinlogFileReader(decoder).ReadAsync(new MemoryStream(file), "f.000001"));
        Assert.Equal(new BinlogPosition("f.000001", 4 + fde.Length), error.Position);
    }

    [Fact]
    public async Task File_without_the_magic_number_is_rejected()
    {
        using var decoder = new BinlogDecoder(new RecordingConsumer());
        var error = await Assert.ThrowsAsync<BinlogFormatException>(() =>
            new BinlogFileReader(decoder).ReadAsync(new MemoryStream([1, 2, 3, 4, 5]), "x"));
        Assert.Contains("FE62696E", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COMMIT")]
    [InlineData("commit")]
    public void Query_commit_ends_the_transaction(string statement)
    {
        var (decoder, consumer, events) = Start();
        decoder.Feed(events.Query("BEGIN"));
        decoder.Feed(events.TableMap(s_tableMap));
        decoder.Feed(events.WriteRows(WriteRowsBody(2, Row(1, "a"))));
        decoder.Feed(events.Query(statement));
        Assert.Equal(TransactionEnding.Commit, Assert.Single(consumer.Commits).Ending);
    }

    private sealed class CountingSchemaProvider : ISchemaProvider
    {
        public int Lookups { get; private set; }

        public List<(string?, string?)> Invalidated { get; } = [];

        public TableSchema? GetTable(string database, string table, BinlogPosition? position)
        {
            Lookups++;
            return new TableSchema(database, table,
            [
                new ColumnSchema("id", 0, "int", "int", false, false, null, null, true),
                new ColumnSchema("name", 1, "varchar", "varchar(20)", true, false, "utf8mb4", null, false),
            ]);
        }

        public void OnSchemaChange(in SchemaChange change)
        {
            foreach (var table in change.Tables)
            {
                Invalidated.Add((table.Database ?? change.Database, table.Table));
            }
        }
    }
}
