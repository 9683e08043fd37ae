using System.Text.Json;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Tests.Support;

namespace Monolith.Binlog.Tests.Fixtures;

/// <summary>The values MANIFEST.md lists for the real binlog files, upstream test assertions first.</summary>
public class MySqlBinlogFixtureTests
{
    [Theory]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-crc32", 303)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-none", 191)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.sakila.gz", 1462)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.compressed", 5)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.aurora-padding", 5)]
    public void File_holds_the_event_count_upstream_asserts(string file, int events)
    {
        var (_, statistics) = FixtureDecoding.Decode(file);
        Assert.Equal(events, statistics.Events);
    }

    [Fact]
    public void Aurora_padding_event_is_skipped_once_and_the_query_after_it_is_read()
    {
        var (consumer, statistics) = FixtureDecoding.Decode("mysql-binlog-connector-java/mysql-bin.aurora-padding");
        var notice = Assert.Single(consumer.Notices);
        Assert.Equal(DecoderNoticeKind.UnknownEventSkipped, notice.Kind);
        Assert.Equal((BinlogEventType)100, notice.EventType);
        Assert.Equal(281, notice.Position.Offset);
        Assert.Equal(1, statistics.UnknownEventsSkipped);
        Assert.Equal(5, statistics.Events);
    }

    [Fact]
    public void Transaction_payload_of_mysql_8032_holds_one_insert_committed_at_xid_462()
    {
        var (consumer, statistics) = FixtureDecoding.Decode("rust_mysql_common/transaction_compression.000001");
        Assert.Equal(4, statistics.PayloadEvents);
        var commit = Assert.Single(consumer.Commits);
        Assert.Equal(462UL, commit.Xid);
        Assert.Equal(431, commit.EndPosition.Offset);
        var row = Assert.Single(consumer.RowElements);
        Assert.Equal("tb1", row.GetProperty("table").GetString());
        Assert.Equal(1, row.GetProperty("after").GetProperty("@1").GetInt32());
        Assert.Equal(274, row.GetProperty("pos").GetInt64());
    }

    [Fact]
    public void Compressed_movie_update_matches_the_upstream_assertions()
    {
        var (consumer, _) = FixtureDecoding.Decode("mysql-binlog-connector-java/mysql-bin.compressed");
        var commit = Assert.Single(consumer.Commits);
        Assert.Equal(31UL, commit.Xid);
        var (header, body, table) = Assert.Single(consumer.RowsEvents);
        Assert.Equal(84UL, table.TableId);
        Assert.Equal("demo", table.Database);
        Assert.Equal("movies", table.Table);
        Assert.Equal(11, table.ColumnCount);
        Assert.Equal(BinlogEventType.UpdateRowsV2, header.EventType);

        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        var change = reader.Current;
        Assert.Equal(1, change.Before.GetInt64(0));
        Assert.Equal("Once Upon a Time in the West", change.Before.GetString(1));
        Assert.Equal(1968, change.Before.GetInt64(2));
        Assert.Equal("Western", change.Before.GetString(4));
        Assert.Equal("Western|Action", change.After.GetString(4));
        Assert.Equal("Paramount Pictures", change.After.GetString(10));
        for (var i = 0; i < 11; i++)
        {
            if (i != 4)
            {
                Assert.True(change.Before.GetBytes(i).SequenceEqual(change.After.GetBytes(i)));
            }
        }

        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void Compressed_payload_body_declares_zstd_451_and_960_bytes()
    {
        var bytes = FixtureFiles.Read("mysql-binlog-connector-java/mysql-bin.compressed");
        var body = bytes.AsSpan(255, 465);
        var payload = TransactionPayloadEvent.Read(body);
        Assert.Equal(TransactionPayloadEvent.CompressionZstd, payload.CompressionType);
        Assert.Equal(451UL, payload.PayloadSize);
        Assert.Equal(960UL, payload.UncompressedSize);
        Assert.Equal(new[] { BinlogEventType.Query, BinlogEventType.TableMap, BinlogEventType.UpdateRowsV2,
            BinlogEventType.Xid }, PayloadTypes(payload, body[payload.PayloadOffset..]));
    }

    [Fact]
    public void Go_mysql_zstd_frame_decompresses_to_2442_bytes_of_eight_events_at_log_position_zero()
    {
        var frame = FixtureFiles.Read("go-mysql/transcribed_txpayload_zstd_frame_mysql8027.zst");
        var header = new TransactionPayloadEvent
        {
            CompressionType = TransactionPayloadEvent.CompressionZstd,
            PayloadSize = (ulong)frame.Length,
            UncompressedSize = 2442,
        };
        Assert.Equal(new[]
        {
            BinlogEventType.Query, BinlogEventType.TableMap, BinlogEventType.WriteRowsV2, BinlogEventType.TableMap,
            BinlogEventType.UpdateRowsV2, BinlogEventType.TableMap, BinlogEventType.DeleteRowsV2, BinlogEventType.Xid,
        }, PayloadTypes(header, frame));
    }

    private static BinlogEventType[] PayloadTypes(in TransactionPayloadEvent header, ReadOnlySpan<byte> payload)
    {
        using var zstd = new ZstdSharp.Decompressor();
        using var buffer = new Primitives.GrowableBuffer();
        var reader = new TransactionPayloadReader(header, payload, zstd, buffer, 1 << 20, null);
        var types = new List<BinlogEventType>();
        while (reader.TryReadNext(out var inner))
        {
            var eventHeader = EventHeader.Read(inner);
            Assert.Equal(0u, eventHeader.LogPosition);
            types.Add(eventHeader.Type);
        }

        return [.. types];
    }

    [Fact]
    public void Json_file_with_in_use_flag_verifies_and_decodes_documents_updates_and_partial_diffs()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/json.binlog.000001");
        var rows = consumer.RowElements;
        Assert.Equal(6 + 6 + 6, rows.Count);
        var ages = new[] { 24, 32, 40, 24, 32, 40 };
        var names = new[] { "Joe", "Sue", "Pete", "Joe", "Sue", "Pete" };
        for (var i = 0; i < 6; i++)
        {
            var document = rows[i].GetProperty("after").GetProperty("@2");
            Assert.Equal(ages[i], document.GetProperty("age").GetInt32());
            Assert.Equal(names[i], document.GetProperty("name").GetString());
            var update = rows[6 + i];
            Assert.Equal(ages[i], update.GetProperty("before").GetProperty("@2").GetProperty("age").GetInt32());
            Assert.Equal(ages[i] + 1, update.GetProperty("after").GetProperty("@2").GetProperty("age").GetInt32());

            // The partial update's before image is only the primary key, so the diff itself is delivered.
            var partial = rows[12 + i];
            Assert.Equal(i + 1, partial.GetProperty("before").GetProperty("@1").GetInt32());
            var diff = Assert.Single(partial.GetProperty("after").GetProperty("@2").GetProperty("partial_update")
                .EnumerateArray());
            Assert.Equal("replace", diff.GetProperty("op").GetString());
            Assert.Equal("$.age", diff.GetProperty("path").GetString());
            Assert.Equal(ages[i] + 2, diff.GetProperty("value").GetInt32());
            Assert.Equal(ages[i] + 2, partial.GetProperty("after").GetProperty("@4").GetInt32());
        }

        // G4: the ALTER USER statement holds raw non-UTF-8 bytes and is read as a statement of its own.
        Assert.Equal(TransactionEnding.Statement, consumer.Commits[0].Ending);
    }

    [Fact]
    public void Json_opaque_values_render_as_mysql_prints_them()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/json-opaque.binlog");
        var expected = new (long Pos, string Json)[]
        {
            (736, """{"a":"base64:type15:VQ=="}"""),
            (846, """{"b":"2012-03-18"}"""),
            (963, """{"c":"2012-03-18 11:30:45.000000"}"""),
            (1080, """{"c":"87:31:46.654321"}"""),
            (1197, """{"d":"123.456"}"""),
            (1312, """{"e":"9.00"}"""),
            (1428, """{"e":[0,1,true,false]}"""),
            (1551, """{"e":null}"""),
        };
        var rows = consumer.RowElements;
        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Pos, rows[i].GetProperty("pos").GetInt64());
            Assert.Equal(expected[i].Json, rows[i].GetProperty("after").GetProperty("a").GetRawText());
        }
    }

    [Fact]
    public void Vector_columns_carry_dimensions_and_float32_bytes()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/vector.binlog");
        var foo = consumer.RowsEvents.First(e => e.Table.Table == "foo");
        var bar = consumer.RowsEvents.First(e => e.Table.Table == "bar");
        Assert.Equal(3, foo.Table.Columns[1].VectorDimensions);
        Assert.Equal(new[] { 2, 4 }, bar.Table.Columns.Where(c => c.Kind == ValueKind.Vector)
            .Select(c => c.VectorDimensions));
        Assert.Equal(1085, foo.Header.Position!.Value.Offset);

        var scratch = new int[foo.Table.ScratchLength];
        var reader = new RowsEventReader(foo.Table, foo.Header, foo.Body, scratch);
        Assert.True(reader.MoveNext());
        Assert.Equal(1UL, reader.Current.After.GetUInt64(0));
        Assert.Equal(Convert.FromHexString("cdcc8c3fcdcc0c4033335340"), reader.Current.After.GetBytes(1).ToArray());
        Assert.True(reader.MoveNext());
        Assert.Equal(Convert.FromHexString("0000803f000080bf00000000"), reader.Current.After.GetBytes(1).ToArray());

        var last = consumer.RowElements[^1].GetProperty("after");
        Assert.Equal(3, last.GetProperty("id").GetInt32());
        Assert.Equal("[42.1,43.2,44.3,45.4]", last.GetProperty("vector_column2").GetRawText());
    }

    [Fact]
    public void Enum_set_and_long_char_values_match_the_upstream_assertions()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/mysql-enum-string-set.000001");
        var events = consumer.RowsEvents;
        Assert.Equal(3, events.Count);
        var table = events[0].Table;
        Assert.Equal(512, table.Columns[0].MaxLength);
        Assert.Equal(new[] { "var1", "variant2", "foo" }, table.Columns[2].Labels);
        Assert.Equal(new[] { "one", "two", "three", "four" }, table.Columns[3].Labels);

        var scratch = new int[table.ScratchLength];
        var insert = new RowsEventReader(table, events[0].Header, events[0].Body, scratch);
        Assert.True(insert.MoveNext());
        var row = insert.Current.After;
        Assert.Equal(string.Concat(Enumerable.Repeat("0123456789", 10)), row.GetString(0));
        Assert.StartsWith("01234567890123456789", row.GetString(1), StringComparison.Ordinal);
        Assert.Equal(1, row.GetInt64(2));
        Assert.Equal(0b0101UL, row.GetUInt64(3));
        Assert.Equal("one,three", row.GetString(3));
        Assert.Equal("0123456789", row.GetString(4));
        var insertedF2 = row.GetString(1);

        var update = new RowsEventReader(table, events[1].Header, events[1].Body, scratch);
        Assert.True(update.MoveNext());
        var after = update.Current.After;
        Assert.Equal("field1", after.GetString(0));
        Assert.Equal("field_2", after.GetString(1));
        Assert.Equal(2, after.GetInt64(2));
        Assert.Equal("variant2", after.GetEnumLabel(2));
        Assert.Equal(0b1010UL, after.GetUInt64(3));
        Assert.Equal(insertedF2, after.GetString(4));
        Assert.Equal(insertedF2, update.Current.Before.GetString(1));
    }

    [Fact]
    public void Bit_columns_hold_the_upstream_bytes()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/mysql_type_bit.000001");
        var (header, body, table) = Assert.Single(consumer.RowsEvents);
        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        Assert.Equal(new byte[] { 0b100 }, reader.Current.After.GetBytes(0).ToArray());
        Assert.Equal(0b100UL, reader.Current.After.GetUInt64(0));
        Assert.Equal("foo", reader.Current.After.GetString(1));
        Assert.Equal(new byte[] { 0b0010_0000 }, reader.Current.After.GetBytes(2).ToArray());
        Assert.Equal(3, table.Columns[0].BitWidth);
        Assert.Equal(8, table.Columns[2].BitWidth);
    }

    [Fact]
    public void Minimal_row_metadata_gives_signedness_charsets_and_a_partial_image()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/minimal_row_metadata.000001");
        var (header, body, table) = Assert.Single(consumer.RowsEvents);
        Assert.Equal(new[] { 1, 3 }, table.TableMap.OptionalMetadataFields);
        Assert.Equal(255, table.Columns[2].CollationId);
        Assert.Equal(CharacterSet.Utf8Mb4, table.Columns[2].Charset);
        Assert.True(table.Columns[4].IsUnsigned);
        Assert.False(table.Columns[0].HasName);
        Assert.Equal("@5", table.Columns[4].Name);

        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        var image = reader.Current.After;
        var present = new bool[5];
        for (var i = 0; i < 5; i++)
        {
            present[i] = image.IsPresent(i);
        }

        Assert.Equal(new[] { true, false, true, false, true }, present);
        Assert.Equal(3230202323UL, image.GetUInt64(4));
        Assert.Equal(3230202323L, image.GetInt64(4));
        Assert.Throws<InvalidOperationException>(() => ReadAbsent(table, header, body));
    }

    private static long ReadAbsent(TableDecoder table, RowsEventHeader header, byte[] body)
    {
        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        reader.MoveNext();
        return reader.Current.After.GetInt64(1);
    }

    [Fact]
    public void Negative_time_is_507_hours_48_minutes_27_seconds()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/time_issue.000001");
        var (header, body, table) = Assert.Single(consumer.RowsEvents);
        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        Assert.Equal(-((507L * 3600) + (48 * 60) + 27) * 1_000_000, reader.Current.After.GetTimeMicroseconds(0));
        Assert.Equal("-507:48:27", consumer.RowElements[0].GetProperty("after").GetProperty("@1").GetString());
    }

    [Fact]
    public void Invisible_columns_are_parsed_with_full_metadata()
    {
        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/binlog-invisible-columns.000001");
        var table = consumer.RowsEvents[0].Table;
        Assert.Equal(new[] { 1, 3, 4, 12 }, table.TableMap.OptionalMetadataFields);
        Assert.Equal(new[] { "f1", "f2", "f3", "f4", "f5", "f6" }, table.Columns.Select(c => c.Name));
        Assert.Equal(new[] { false, false, true, true, true, false }, table.Columns.Select(c => c.IsVisible));
        var first = consumer.RowElements[0].GetProperty("after");
        Assert.Equal(6000000000UL, first.GetProperty("f6").GetUInt64());
        Assert.Equal(-3, first.GetProperty("f3").GetInt32());
        Assert.Equal("97c7af02-4c50-11ec-acd8-681842034964:3", consumer.Starts[2].Gtid.ToString());
    }

    [Fact]
    public void Tagged_gtid_and_tagged_previous_gtids_match_the_upstream_assertions()
    {
        var bytes = FixtureFiles.Read("rust_mysql_common/binlog_transaction_with_GTID_TAG.000001");
        var previous = PreviousGtidsEvent.Read(bytes.AsSpan(127 + 19, 118 - 19 - 4));
        Assert.Equal(2, previous.Entries.Count);
        var uuid = Guid.Parse("55778904-0299-11f1-b1b8-4ef0c4956feb");
        Assert.Equal(uuid, previous.Entries[0].SourceId);
        Assert.Null(previous.Entries[0].Tag);
        Assert.Equal(new GtidInterval(1, 14), Assert.Single(previous.Entries[0].Intervals));
        Assert.Equal("mytag", previous.Entries[1].Tag);
        Assert.Equal(new GtidInterval(1, 3), Assert.Single(previous.Entries[1].Intervals));

        var (consumer, _) = FixtureDecoding.Decode("rust_mysql_common/binlog_transaction_with_GTID_TAG.000001");
        var gtid = Assert.Single(consumer.Starts).Gtid;
        Assert.Equal(GtidFlavor.MySql, gtid.Flavor);
        Assert.Equal(uuid, gtid.SourceId);
        Assert.Equal("mytag", gtid.Tag);
        Assert.Equal(3, gtid.TransactionNumber);
        var after = Assert.Single(consumer.RowElements).GetProperty("after");
        Assert.Equal("250.00", after.GetProperty("@3").GetString());
    }

    [Fact]
    public void Untagged_previous_gtids_is_one_source_with_transactions_one_and_two()
    {
        var bytes = FixtureFiles.Read("rust_mysql_common/binlog_transaction_previous_GTID_no_tag.000001");
        var header = EventHeader.Read(bytes.AsSpan(126));
        Assert.Equal(BinlogEventType.PreviousGtids, header.Type);
        var previous = PreviousGtidsEvent.Read(bytes.AsSpan(126 + 19, (int)header.EventSize - 23));
        Assert.Equal("b9b88c66-0755-11f1-9899-4a9da94c4d71:1-2", previous.ToString());
    }

    [Fact]
    public void MySqlCdc_sample_row_13_equals_its_insert_statement()
    {
        var (consumer, _) = FixtureDecoding.Decode("MySqlCdc/mysql-bin.000001");
        Assert.Equal(3, consumer.RowsEvents.Count);
        var (header, body, table) = consumer.RowsEvents[2];
        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        var row = reader.Current.After;
        Assert.Equal(13, row.GetInt64(0));
        Assert.Equal(123, row.GetInt64(1));
        Assert.Equal(12345, row.GetInt64(2));
        Assert.Equal(1234567, row.GetInt64(3));
        Assert.Equal(123456789, row.GetInt64(4));
        Assert.Equal(1234567890987654321, row.GetInt64(5));
        Assert.Equal(12345.6787109375, row.GetDouble(6));
        Assert.Equal(123456789.0987654321, row.GetDouble(7));
        Span<byte> text = stackalloc byte[80];
        Assert.Equal("1234567890112233445566778899001112223334445556667778889.9900011112",
            System.Text.Encoding.ASCII.GetString(text[..row.FormatDecimal(8, text)]));
        Assert.False(row.TryGetDecimal(8, out _, out _));
        Assert.Equal("Asd234234 234234 zdfsfsdfsdf", row.GetString(9));
        Assert.Equal("Hello world!", row.GetString(10));
        Assert.Equal(Convert.FromHexString("1234564534454534"), row.GetBytes(11).ToArray());
        Assert.Equal(Convert.FromHexString("152354"), row.GetBytes(13).ToArray());
        Assert.Equal(0b0111101101010101011110000111UL, row.GetUInt64(14));
        Assert.Equal(2, row.GetInt64(15));
        Assert.Equal(0b100UL, row.GetUInt64(16));
        Assert.Equal(1989, row.GetInt64(17));
        Assert.Equal(new MySqlDateTime(1985, 10, 23, 0, 0, 0, 0), row.GetDateTime(18));
        Assert.Equal(new MySqlDateTime(1988, 11, 27, 14, 12, 13, 345000), row.GetDateTime(19));
        Assert.Equal(((15L * 3600) + (22 * 60) + 33) * 1_000_000 + 670000, row.GetTimeMicroseconds(20));
        Assert.Equal(498046943_567000L, row.GetTimestampMicroseconds(21));

        var json = consumer.RowElements[2].GetProperty("after");
        Assert.Equal("""{"id":1,"name":"John"}""", json.GetProperty("@13").GetRawText());
        Assert.Equal("1985-10-13T10:22:23.567Z", json.GetProperty("@22").GetString());
        Assert.Equal("1988-11-27 14:12:13.345", json.GetProperty("@20").GetString());
        Assert.Equal("15:22:33.67", json.GetProperty("@21").GetString());
    }

    [Fact]
    public void Checksum_none_file_verifies_its_format_description_crc()
    {
        var bytes = FixtureFiles.Read("mysql-binlog-connector-java/mysql-bin.checksum-none");
        var size = (int)EventHeader.Read(bytes.AsSpan(4)).EventSize;
        var format = FormatDescriptionEvent.Read(bytes.AsSpan(4, size));
        Assert.Equal(ChecksumAlgorithm.None, format.ChecksumAlgorithm);
        bytes[4 + size - 1] ^= 0x01;
        Assert.Throws<BinlogChecksumException>(() => FormatDescriptionEvent.Read(bytes.AsSpan(4, size)));
    }

    [Fact]
    public async Task Sakila_tables_get_the_counts_mariadb_binlog_reports()
    {
        var report = await Text.BinlogCommands.StatsAsync(
            [FixtureFiles.PathOf("mysql-binlog-connector-java/mysql-bin.sakila.gz")]);
        Assert.Equal(47273, report.Rows);
        Assert.Equal(16049, report.Tables.Single(t => t.Table == "payment").Inserted);
        Assert.Equal(200, report.Tables.Single(t => t.Table == "actor").Inserted);
        Assert.Equal(16, report.Tables.Count);
    }

    [Fact]
    public async Task Sakila_dump_writes_one_json_line_per_row()
    {
        using var output = new MemoryStream();
        var rows = await Text.BinlogCommands.DumpAsync(
            [FixtureFiles.PathOf("mysql-binlog-connector-java/mysql-bin.sakila.gz")], output);
        Assert.Equal(47273, rows);
        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(47273, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("mysql-bin.sakila", first.RootElement.GetProperty("file").GetString());
        Assert.Equal("insert", first.RootElement.GetProperty("type").GetString());
    }
}
