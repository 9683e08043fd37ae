using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Binlog.Text;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Rows;

/// <summary>
/// Fixed-length binary strings, MariaDB's UUID, INET4 and INET6 (stored as such), MariaDB's text JSON and the
/// zero TIMESTAMP: what the binlog stores and what SQL shows differ, and the decoder gives what SQL shows.
/// </summary>
public class RowImageMariaDbTypeTests
{
    [Theory]
    [InlineData("0102", "0102000000000000")]
    [InlineData("", "0000000000000000")]
    [InlineData("FFFFFFFFFFFFFFFF", "FFFFFFFFFFFFFFFF")]
    [InlineData("00FF", "00FF000000000000")]
    public void Binary_value_gets_back_the_trailing_zeros_the_binlog_drops(string stored, string shown)
    {
        var table = WithSchema(new Column(ColumnType.String, 0xFE08), "binary", "binary(8)");
        Assert.Equal(8, table.Columns[0].FixedLength);
        var image = Convert.FromHexString(stored);

        var padded = Read(table, LengthPrefixed(1, image), row =>
        {
            Span<byte> buffer = stackalloc byte[8];
            return Convert.ToHexString(row.GetPaddedBytes(0, buffer));
        });

        Assert.Equal(shown, padded);
        Assert.Equal($"\"{Convert.ToBase64String(Convert.FromHexString(shown))}\"",
            Json(table, LengthPrefixed(1, image)));
    }

    [Fact]
    public void Varbinary_and_blob_keep_their_trailing_zeros_and_are_not_padded()
    {
        var table = WithSchema(new Column(ColumnType.VarChar, 10), "varbinary", "varbinary(10)");
        Assert.Equal(0, table.Columns[0].FixedLength);
        Assert.Equal("0100", Read(table, LengthPrefixed(1, [1, 0]),
            row => Convert.ToHexString(row.GetPaddedBytes(0, []))));
    }

    [Theory]
    [InlineData("00010000000000010000000000000001", "1:0:0:1::1")]
    [InlineData("00000000000100000000000000000000", "0:0:1::")]
    [InlineData("00000000000000000001000000000000", "::1:0:0:0")]
    [InlineData("00000000000000000000000000000002", "::2")]
    [InlineData("00000000000000000000FFFF00000000", "::ffff:0.0.0.0")]
    [InlineData("00010000000100000001000000010000", "1::1:0:1:0:1:0")]
    [InlineData("00000000000000000000000001020304", "::1.2.3.4")]
    [InlineData("00000000000000000000000101020304", "::1:102:304")]
    [InlineData("FE800000000000000000000000000000", "fe80::")]
    [InlineData("00000000000000000000000000010000", "::0.1.0.0")]
    [InlineData("20010DB8000000010001000100010001", "2001:db8::1:1:1:1:1")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("", "::")]
    [InlineData("00000000000000000000000000000001", "::1")]
    public void Inet6_is_written_as_mariadb_prints_it(string stored, string text)
    {
        // Expected texts are MariaDB 10.11's own output for the stored bytes (SELECT col, HEX(col)).
        var table = WithSchema(new Column(ColumnType.String, 0xFE10), "inet6", "inet6");
        var value = LengthPrefixed(1, Stripped(Convert.FromHexString(stored)));

        Assert.Equal(text, Read(table, value, row => row.GetString(0)));
        Assert.Equal($"\"{text}\"", Json(table, value));
    }

    [Theory]
    [InlineData("6CCD780CBABA102695645B8C656024DB", "6ccd780c-baba-1026-9564-5b8c656024db")]
    [InlineData("123E4567E89B42D3A4564266141740", "123e4567-e89b-42d3-a456-426614174000")]
    [InlineData("", "00000000-0000-0000-0000-000000000000")]
    public void Uuid_is_written_as_text_in_stored_byte_order(string stored, string text)
    {
        var table = WithSchema(new Column(ColumnType.String, 0xFE10), "uuid", "uuid");
        Assert.Equal(BinaryTextFormat.Uuid, table.Columns[0].BinaryTextFormat);
        Assert.Equal(text, Read(table, LengthPrefixed(1, Convert.FromHexString(stored)), row => row.GetString(0)));
    }

    [Theory]
    [InlineData("C0A80001", "192.168.0.1")]
    [InlineData("0A000001", "10.0.0.1")]
    [InlineData("", "0.0.0.0")]
    [InlineData("FFFFFFFF", "255.255.255.255")]
    public void Inet4_is_a_dotted_quad(string stored, string text)
    {
        var table = WithSchema(new Column(ColumnType.String, 0xFE04), "inet4", "inet4");
        Assert.Equal(text, Read(table, LengthPrefixed(1, Convert.FromHexString(stored)), row => row.GetString(0)));
    }

    [Theory]
    [InlineData("{\"a\": [1, 2.5e0, null]}", "{\"a\": [1, 2.5e0, null]}")]
    [InlineData("\"text\"", "\"text\"")]
    [InlineData("123", "123")]
    [InlineData("not json", "\"not json\"")]
    [InlineData("{\"open\": ", "\"{\\\"open\\\": \"")]
    public void Mariadb_json_text_is_written_as_the_document_or_as_a_string_when_invalid(string stored,
        string written)
    {
        var table = WithSchema(new Column(ColumnType.Blob, 4), "json", "longtext");
        Assert.Equal(ValueKind.Json, table.Columns[0].Kind);
        Assert.Equal(written, Json(table, LengthPrefixed(4, Utf8(stored))));
    }

    [Fact]
    public void Longtext_without_a_json_schema_stays_text()
    {
        var table = WithSchema(new Column(ColumnType.Blob, 4), "longtext", "longtext");
        Assert.Equal(ValueKind.Text, table.Columns[0].Kind);
        Assert.Equal("\"[1]\"", Json(table, LengthPrefixed(4, Utf8("[1]"))));
    }

    [Theory]
    [InlineData(0, "00000000", "\"0000-00-00T00:00:00Z\"")]
    [InlineData(3, "000000000000", "\"0000-00-00T00:00:00.000Z\"")]
    [InlineData(0, "00000001", "\"1970-01-01T00:00:01Z\"")]
    public void Zero_timestamp_is_written_as_the_zero_date_sql_shows(int fsp, string stored, string written)
    {
        var table = Table(new Column(ColumnType.Timestamp2, (ushort)fsp));
        Assert.Equal(written, Json(table, Convert.FromHexString(stored)));
    }

    /// <summary>The value as the binlog stores a fixed-length binary string: without trailing zero bytes.</summary>
    private static byte[] Stripped(byte[] value)
    {
        var length = value.Length;
        while (length > 0 && value[length - 1] == 0)
        {
            length--;
        }

        return value[..length];
    }

    private static TableDecoder WithSchema(Column column, string dataType, string columnType)
    {
        var schema = new TableSchema("d", "t",
            [new ColumnSchema("c", 0, dataType, columnType, true, false, null, null, false)]);
        return TableDecoder.Create(TableMapEvent.Read(TableMapBody(column), 8), schema);
    }

    private static T Read<T>(TableDecoder table, byte[] value, ReadImage<T> read)
    {
        var body = WriteRowsBody(1, [0, .. value]);
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10);
        var reader = new RowsEventReader(table, header, body, new int[table.ScratchLength]);
        Assert.True(reader.MoveNext());
        return read(reader.Current.After);
    }

    private static string Json(TableDecoder table, byte[] value) => Read(table, value, image =>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            RowJsonWriter.WriteValue(writer, image, 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    });
}
