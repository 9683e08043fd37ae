using System.Text;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Binlog.Tests.Support;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Rows;

public class RowImageStringTests
{
    [Theory]
    [InlineData(255, 1)]
    [InlineData(256, 2)]
    [InlineData(65535, 2)]
    public void Varchar_length_prefix_is_one_byte_up_to_255_and_two_above(int maxLength, int prefix)
    {
        var text = "héllo wörld";
        var value = LengthPrefixed(prefix, Utf8(text));
        Assert.Equal(text, ReadSingle(new Column(ColumnType.VarChar, (ushort)maxLength), value, i => i.GetString(0)));
    }

    [Fact]
    public void Char_of_512_bytes_uses_the_utf8mb4_high_bits_length_trick()
    {
        var column = new Column(ColumnType.String, 0xDE00);
        Assert.Equal(512, Table(column).Columns[0].MaxLength);
        var text = new string('x', 300);
        Assert.Equal(text, ReadSingle(column, LengthPrefixed(2, Utf8(text)), image => image.GetString(0)));
        Assert.Equal("ab", ReadSingle(new Column(ColumnType.String, 0xFE08), LengthPrefixed(1, Utf8("ab")),
            image => image.GetString(0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Blob_length_prefix_has_one_to_four_bytes(int prefix)
    {
        var content = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()[..(prefix == 1 ? 200 : 300)];
        Assert.Equal(content, ReadSingle(new Column(ColumnType.Blob, (ushort)prefix), LengthPrefixed(prefix, content),
            image => image.GetBytes(0).ToArray()));
    }

    [Fact]
    public void Geometry_is_raw_srid_and_wkb()
    {
        byte[] point = [0, 0, 0, 0, 1, 1, 0, 0, 0, .. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)];
        Assert.Equal(point, ReadSingle(new Column(ColumnType.Geometry, 4), LengthPrefixed(4, point),
            image => image.GetBytes(0).ToArray()));
    }

    [Fact]
    public void Latin1_text_decodes_as_windows_1252_and_unknown_charsets_as_utf8()
    {
        var schema = new TableSchema("d", "t",
            [new ColumnSchema("name", 0, "varchar", "varchar(10)", true, false, "latin1", null, false)]);
        var table = TableDecoder.Create(TableMapEvent.Read(TableMapBody(new Column(ColumnType.VarChar, 10)), 8),
            schema);
        Assert.Equal(CharacterSet.Latin1, table.Columns[0].Charset);
        Assert.Equal("name", table.Columns[0].Name);
        var body = WriteRowsBody(1, [0, 3, 0x80, 0xE9, 0x81]);
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10);
        var reader = new RowsEventReader(table, header, body, new int[table.ScratchLength]);
        Assert.True(reader.MoveNext());
        Assert.Equal("€é\u0081", reader.Current.After.GetString(0));
    }

    [Fact]
    public void Binary_schema_type_makes_a_blob_binary()
    {
        var schema = new TableSchema("d", "t",
            [new ColumnSchema("data", 0, "blob", "blob", true, false, null, null, false)]);
        var table = TableDecoder.Create(TableMapEvent.Read(TableMapBody(new Column(ColumnType.Blob, 2)), 8), schema);
        Assert.Equal(ValueKind.Binary, table.Columns[0].Kind);
        Assert.Equal(ValueKind.Text, Table(new Column(ColumnType.Blob, 2)).Columns[0].Kind);
    }

    [Fact]
    public void Schema_whose_types_do_not_fit_is_ignored_and_columns_are_numbered()
    {
        var schema = new TableSchema("d", "t",
            [new ColumnSchema("id", 0, "varchar", "varchar(3)", false, false, "utf8mb4", null, true)]);
        var table = TableDecoder.Create(TableMapEvent.Read(TableMapBody(new Column(ColumnType.Long)), 8), schema);
        Assert.Equal("@1", table.Columns[0].Name);
        Assert.False(table.Columns[0].HasName);
        Assert.NotNull(table.SchemaMismatch);
        Assert.Contains("id", table.SchemaMismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_longer_than_the_event_is_a_format_error_naming_the_column()
    {
        var table = Table(new Column(ColumnType.VarChar, 300));
        var body = WriteRowsBody(1, [0, 0x10, 0x00, (byte)'a']);
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10, new BinlogPosition("f", 77));
        var error = Assert.Throws<BinlogFormatException>(() =>
        {
            var reader = new RowsEventReader(table, header, body, new int[table.ScratchLength]);
            reader.MoveNext();
        });
        Assert.Equal(new BinlogPosition("f", 77), error.Position);
        Assert.Contains("@1", error.Message, StringComparison.Ordinal);
        Assert.Contains("16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_image_and_null_bitmap_count_only_present_columns()
    {
        var table = Table(new Column(ColumnType.Long), new Column(ColumnType.Long), new Column(ColumnType.Long));
        // Columns 0 and 2 present; the null bitmap has two bits: column 0 is NULL, column 2 holds 7.
        var body = new List<byte> { 1, 0, 0, 0, 0, 0, 1, 0, 2, 0, 3, 0b101, 0b01, 7, 0, 0, 0 };
        var header = RowsEventHeader.Read(body.ToArray(), BinlogEventType.WriteRowsV2, 10);
        var reader = new RowsEventReader(table, header, body.ToArray(), new int[table.ScratchLength]);
        Assert.True(reader.MoveNext());
        var image = reader.Current.After;
        Assert.True(image.IsNull(0));
        Assert.False(image.IsPresent(1));
        Assert.Equal(7, image.GetInt64(2));
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public async Task Two_threads_decode_the_same_table_with_their_own_scratch()
    {
        var table = Table(new Column(ColumnType.Long), new Column(ColumnType.VarChar, 20));
        var images = Enumerable.Range(0, 1000)
            .Select(i => (byte[])[0, .. BitConverter.GetBytes(i), .. LengthPrefixed(1, Utf8($"row{i}"))]).ToArray();
        var body = WriteRowsBody(2, images);
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10);
        long Sum()
        {
            var scratch = new int[table.ScratchLength];
            long total = 0;
            for (var round = 0; round < 50; round++)
            {
                foreach (var change in new RowsEventReader(table, header, body, scratch))
                {
                    total += change.After.GetInt64(0) + change.After.GetBytes(1).Length;
                }
            }

            return total;
        }

        var tasks = Enumerable.Range(0, 2).Select(_ => Task.Run(Sum)).ToArray();
        var sums = await Task.WhenAll(tasks);
        var expected = 50L * Enumerable.Range(0, 1000).Sum(i => i + Encoding.UTF8.GetByteCount($"row{i}"));
        Assert.All(sums, sum => Assert.Equal(expected, sum));
    }
}
