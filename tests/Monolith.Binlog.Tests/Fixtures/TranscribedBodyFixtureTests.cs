using Monolith.Binlog.Decoding;
using Monolith.Binlog.Events;
using Monolith.Binlog.Files;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Tests.Support;

namespace Monolith.Binlog.Tests.Fixtures;

/// <summary>Event bodies transcribed from upstream unit tests
/// (MANIFEST sections B6 and D) and the MariaDB file.</summary>
public class TranscribedBodyFixtureTests
{
    [Theory]
    [InlineData("mysql-binlog-connector-java/transcribed_gtid_body_mysql57_flags3.bin",
        "24bc7850-2c16-11e6-a073-0242ac110002:11", 3, 0, 0, 0UL, 0UL)]
    [InlineData("mysql-binlog-connector-java/transcribed_gtid_body_mysql8_test801.bin",
        "aae57b2f-8e44-11ee-a3d6-a036bcda1a41:4", 0, 3, 4, 1701215692713879UL, 0UL)]
    [InlineData("mysql-binlog-connector-java/transcribed_gtid_body_mysql8_test802.bin",
        "994ab859-8ea8-11ee-a568-a036bcda1a41:3", 0, 2, 3, 1701257014433088UL, 308UL)]
    [InlineData("mysql-binlog-connector-java/transcribed_gtid_body_mysql8_test810.bin",
        "bd9794e0-1d65-11ed-a7e7-0adb305b3a12:9", 0, 7, 8, 1699112309893478UL, 315UL)]
    [InlineData("go-mysql/transcribed_gtid_body_mysql57.bin",
        "5aa72a7f-44a8-11ea-947f-0242ac190002:259", 0, 53, 54, 0UL, 0UL)]
    [InlineData("go-mysql/transcribed_gtid_body_mysql80.bin",
        "5ccc1033-44a8-11ea-bd59-0242ac190003:119", 0, 120, 121, 1583813191872618UL, 963UL)]
    public void Gtid_bodies_of_every_length_decode(string file, string gtid, int flags, long lastCommitted,
        long sequence, ulong commitTimestamp, ulong transactionLength)
    {
        var body = FixtureFiles.Read(file);
        var gtidEvent = GtidEvent.Read(body, anonymous: false);
        Assert.Equal(gtid, gtidEvent.Gtid.ToString());
        if (flags != 0)
        {
            Assert.Equal(flags, gtidEvent.Flags);
        }

        Assert.Equal(lastCommitted, gtidEvent.LastCommitted);
        Assert.Equal(sequence, gtidEvent.SequenceNumber);
        Assert.Equal(commitTimestamp, gtidEvent.ImmediateCommitTimestamp);
        Assert.Equal(commitTimestamp, gtidEvent.OriginalCommitTimestamp);
        Assert.Equal(transactionLength, gtidEvent.TransactionLength);
    }

    [Fact]
    public void Replica_gtid_of_67_bytes_keeps_original_and_immediate_values_apart()
    {
        var body = FixtureFiles.Read("go-mysql/transcribed_gtid_body_mysql57master_mysql80replica.bin");
        Assert.Equal(67, body.Length);
        var gtid = GtidEvent.Read(body, anonymous: false);
        Assert.Equal("5aa72a7f-44a8-11ea-947f-0242ac190002:258", gtid.Gtid.ToString());
        Assert.Equal(118, gtid.LastCommitted);
        Assert.Equal(119, gtid.SequenceNumber);
        Assert.Equal(1583812517644225UL, gtid.ImmediateCommitTimestamp);
        Assert.Equal(0UL, gtid.OriginalCommitTimestamp);
        Assert.Equal(965UL, gtid.TransactionLength);
        Assert.Equal(80019u, gtid.ImmediateServerVersion);
        Assert.Equal(0u, gtid.OriginalServerVersion);
    }

    [Fact]
    public void Server_version_of_mysql_810_gtid_is_80100()
    {
        var gtid = GtidEvent.Read(
            FixtureFiles.Read("mysql-binlog-connector-java/transcribed_gtid_body_mysql8_test810.bin"),
            anonymous: false);
        Assert.Equal(80100u, gtid.ImmediateServerVersion);
        Assert.Equal(80100u, gtid.OriginalServerVersion);
    }

    [Fact]
    public void Previous_gtids_of_mysql_56_is_two_sources()
    {
        var previous = PreviousGtidsEvent.Read(
            FixtureFiles.Read("mysql-binlog-connector-java/transcribed_previous_gtids_body_mysql56.bin"));
        Assert.Equal("b5cd1624-5f30-11e4-b4e9-1051721bd241:1-7081968,bb421d26-5f30-11e4-b4e9-d89d672b2ef8:1-7823824",
            previous.ToString());
    }

    [Fact]
    public void MariaDB_gtid_and_gtid_list_bodies_decode()
    {
        var gtid = MariaGtidEvent.Read(
            FixtureFiles.Read("mysql-binlog-connector-java/transcribed_mariadb_gtid_body.bin"), serverId: 0);
        Assert.Equal("0-0-7404", gtid.Gtid.ToString());
        Assert.Equal(0x0C, gtid.Flags);
        Assert.False(gtid.Standalone);

        var list = MariaGtidListEvent.Read(
            FixtureFiles.Read("mysql-binlog-connector-java/transcribed_mariadb_gtid_list_body.bin"));
        Assert.Equal("0-102-7255", list.ToString());
    }

    [Fact]
    public void MariaDB_file_has_gtids_names_primary_key_and_charsets()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/mariadb-bin.000001");
        Assert.Equal(new[] { "0-1-1", "0-1-2" }, consumer.Starts.Select(s => s.Gtid.ToString()));
        Assert.All(consumer.Commits, c => Assert.Equal(TransactionEnding.Xid, c.Ending));
        var table = consumer.RowsEvents[0].Table;
        Assert.Equal(("toddy_test", "outbox"), (table.Database, table.Table));
        Assert.Equal(new[] { "id", "topic", "event_type", "event", "created" }, table.Columns.Select(c => c.Name));
        Assert.Equal(new[] { true, false, false, false, false }, table.Columns.Select(c => c.IsPrimaryKey));
        Assert.Equal(new[] { 0, 45, 45, 63, 0 }, table.Columns.Select(c => c.CollationId));
        Assert.Equal(new[] { 1, 3, 4, 6, 8, 10 }, table.TableMap.OptionalMetadataFields.Order());
        Assert.Equal(BinlogEventType.WriteRowsV1, consumer.RowsEvents[0].Header.EventType);
        var first = consumer.RowElements[0].GetProperty("after");
        Assert.Equal(62, first.GetProperty("id").GetInt32());
        Assert.Equal("JSON", first.GetProperty("event_type").GetString());
        Assert.Equal("2022-04-20T22:18:04Z", first.GetProperty("created").GetString());
    }

    [Fact]
    public void Table_map_without_metadata_has_42_types_and_no_names()
    {
        var map = TableMapEvent.Read(
            FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mysql57_types42_nometa.bin"), 8);
        Assert.Equal(("test", "_types", 42), (map.Database, map.Table, map.ColumnCount));
        Assert.Null(map.ColumnNames);
        Assert.Null(map.Labels);
        var decoder = TableDecoder.Create(map, null);
        Assert.Equal("@1", decoder.Columns[0].Name);
        Assert.Equal(ValueKind.Bit, decoder.Columns[0].Kind);
        Assert.Equal(64, decoder.Columns[0].BitWidth);
    }

    [Theory]
    [InlineData("go-mysql/transcribed_tablemap_body_mysql80_types42_fullmeta.bin", false)]
    [InlineData("go-mysql/transcribed_tablemap_body_mariadb105_types42_fullmeta.bin", true)]
    public void Table_map_with_full_metadata_names_columns_and_labels(string file, bool mariaDb)
    {
        var map = TableMapEvent.Read(FixtureFiles.Read(file), 8, mariaDb);
        Assert.Equal(42, map.ColumnCount);
        Assert.Equal("b_bit", map.ColumnNames![0]);
        Assert.Equal("j_json", map.ColumnNames[41]);
        var labels = map.Labels!.Select((l, i) => (l, i)).Where(p => p.l is not null).ToList();
        Assert.Equal(2, labels.Count);
        Assert.Contains(labels, p => p.l!.SequenceEqual(["a", "b"]) && map.GetRealType(p.i) == ColumnType.Enum);
        Assert.Contains(labels, p => p.l!.SequenceEqual(["1", "2"]) && map.GetRealType(p.i) == ColumnType.Set);
        var decoder = TableDecoder.Create(map, null);
        Assert.All(decoder.Columns, c => Assert.True(c.HasName));
    }

    [Fact]
    public void Mysql80_helper_maps_match_upstream()
    {
        var map = TableMapEvent.Read(
            FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mysql80_types51_fullmeta.bin"), 8);
        for (var i = 1; i <= 9; i++)
        {
            Assert.False(map.Unsigned![i]);
        }

        for (var i = 10; i <= 17; i++)
        {
            Assert.True(map.Unsigned![i]);
        }

        Assert.False(map.Unsigned![18]);
        Assert.Equal(new Dictionary<int, int>
        {
            [26] = 28, [27] = 224, [28] = 63, [29] = 63, [30] = 63, [31] = 63, [32] = 63, [33] = 63,
            [34] = 224, [35] = 224, [36] = 224, [37] = 224,
        }, CollationMap(map, IsCharacter(map, false)));
        Assert.Equal(new Dictionary<int, int> { [38] = 224, [39] = 224, [42] = 28, [43] = 28 },
            CollationMap(map, i => map.GetRealType(i) is ColumnType.Enum or ColumnType.Set));
        Assert.Equal(new[] { "a", "b" }, map.Labels![38]);
        Assert.Equal(new[] { "c", "d" }, map.Labels[43]);
        Assert.Equal(new[] { "1", "2" }, map.Labels[39]);
        Assert.Equal(new[] { "3", "4" }, map.Labels[42]);
        Assert.Equal(new Dictionary<int, int>
        {
            [40] = 0, [44] = 7, [45] = 6, [46] = 5, [47] = 4, [48] = 3, [49] = 2, [50] = 1,
        }, map.GeometryTypes!.Select((g, i) => (g, i)).Where(p => p.g >= 0).ToDictionary(p => p.i, p => p.g));
    }

    [Fact]
    public void MariaDB_helper_maps_count_year_as_numeric_and_geometry_as_text()
    {
        var map = TableMapEvent.Read(
            FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mariadb105_types51_fullmeta.bin"), 8,
            isMariaDb: true);
        Assert.True(map.Unsigned![18]);
        var collations = CollationMap(map, IsCharacter(map, true));
        Assert.Equal(63, collations[40]);
        Assert.Equal(46, collations[41]);
        for (var i = 44; i <= 50; i++)
        {
            Assert.Equal(63, collations[i]);
        }
    }

    private static Func<int, bool> IsCharacter(TableMapEvent map, bool mariaDb) => i => map.GetRealType(i) switch
    {
        ColumnType.String or ColumnType.VarString or ColumnType.VarChar or ColumnType.Blob => true,
        ColumnType.Geometry => mariaDb,
        _ => false,
    };

    private static Dictionary<int, int> CollationMap(TableMapEvent map, Func<int, bool> include) =>
        Enumerable.Range(0, map.ColumnCount).Where(include).ToDictionary(i => i, i => map.Collations![i]);

    [Fact]
    public void Visibility_bitmap_58_80_makes_columns_1_3_4_and_8_visible()
    {
        var map = TableMapEvent.Read(FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mysql80_visibility.bin"), 8);
        var visible = map.Visible!.Select((v, i) => (v, i)).Where(p => p.v).Select(p => p.i);
        Assert.Equal(new[] { 1, 3, 4, 8 }, visible);
    }

    [Fact]
    public void Prefixed_primary_key_is_columns_1_and_3_with_prefixes_0_and_10()
    {
        var map = TableMapEvent.Read(FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mysql80_pk_prefix.bin"), 8);
        Assert.Equal(new[] { 1, 3 }, map.PrimaryKey);
        Assert.Equal(new[] { 0, 10 }, map.PrimaryKeyPrefixes);
    }

    [Fact]
    public void Partitioned_rows_carry_partition_ids()
    {
        var map = TableMapEvent.Read(
            FixtureFiles.Read("go-mysql/transcribed_tablemap_body_mysql8016_partition.bin"), 8);
        var table = TableDecoder.Create(map, null);
        var scratch = new int[table.ScratchLength];

        var write = FixtureFiles.Read("go-mysql/transcribed_rows_v2_body_mysql8016_partition_write.bin");
        var writeHeader = RowsEventHeader.Read(write, BinlogEventType.WriteRowsV2, 10);
        Assert.Equal(3, writeHeader.PartitionId);
        var reader = new RowsEventReader(table, writeHeader, write, scratch);
        Assert.True(reader.MoveNext());
        Assert.Equal(3, reader.Current.After.GetInt64(0));
        Assert.False(reader.MoveNext());

        var update = FixtureFiles.Read("go-mysql/transcribed_rows_v2_body_mysql8016_partition_update.bin");
        var updateHeader = RowsEventHeader.Read(update, BinlogEventType.UpdateRowsV2, 10);
        Assert.Equal(1, updateHeader.PartitionId);
        Assert.Equal(3, updateHeader.SourcePartitionId);
        reader = new RowsEventReader(table, updateHeader, update, scratch);
        Assert.True(reader.MoveNext());
        Assert.Equal(3, reader.Current.Before.GetInt64(0));
        Assert.Equal(1, reader.Current.After.GetInt64(0));
    }

    [Fact]
    public void Ndb_extra_row_info_is_kept_and_the_five_rows_decode()
    {
        var map = TableMapEvent.Read(FixtureFiles.Read("go-mysql/transcribed_tablemap_body_ndb8032.bin"), 8);
        var table = TableDecoder.Create(map, null);
        var body = FixtureFiles.Read("go-mysql/transcribed_rows_v2_body_ndb8032_extradata_write.bin");
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10);
        Assert.Equal(0, header.NdbInfoFormat);
        Assert.Equal(Convert.FromHexString("01000004800004000000"), header.GetNdbInfo(body).ToArray());
        var scratch = new int[table.ScratchLength];
        var rows = new List<(long, long)>();
        foreach (var change in new RowsEventReader(table, header, body, scratch))
        {
            rows.Add((change.After.GetInt64(0), change.After.GetInt64(1)));
        }

        Assert.Equal(new[] { (1L, 1L), (2L, 2L), (4L, 4L), (3L, 3L), (5L, 5L) }, rows);
    }

    [Fact]
    public async Task Go_mysql_five_events_chain_and_the_inconsistent_fifth_is_an_error_at_its_offset()
    {
        var consumer = new RecordingConsumer();
        using var decoder = new BinlogDecoder(consumer, options: new BinlogDecoderOptions { ValidateRows = true });
        var error = await Assert.ThrowsAsync<BinlogFormatException>(() =>
            new BinlogFileReader(decoder).ReadFileAsync(
                FixtureFiles.PathOf("go-mysql/transcribed_mysql5722_5events_crc32.binlog")));
        Assert.Equal(253, error.Position!.Value.Offset);
        Assert.Equal("transcribed_mysql5722_5events_crc32.binlog", error.Position.Value.File);
        Assert.Contains("db1.tbl1", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, decoder.Statistics.Events);
        Assert.Equal("5.7.22-log", decoder.FormatDescription!.ServerVersion);
    }
}
