using System.Buffers;
using System.Text;
using System.Text.Json;
using Monolith.Binlog.Json;

namespace Monolith.Binlog.Tests.Rows;

public class MySqlJsonWriterTests
{
    [Theory]
    [InlineData("0400", "null")]
    [InlineData("0401", "true")]
    [InlineData("0402", "false")]
    [InlineData("0500FF", "-256")]
    [InlineData("06FFFF", "65535")]
    [InlineData("07FFFFFFFF", "-1")]
    [InlineData("08FFFFFFFF", "4294967295")]
    [InlineData("090000000000000080", "-9223372036854775808")]
    [InlineData("0AFFFFFFFFFFFFFFFF", "18446744073709551615")]
    [InlineData("0B000000000000F83F", "1.5")]
    [InlineData("0C03616263", "\"abc\"")]
    [InlineData("", "null")]
    public void Scalars_render_as_json(string hex, string json) => Assert.Equal(json, Render(hex));

    [Fact]
    public void Small_object_with_inlined_and_offset_values_renders_in_key_order()
    {
        // {"a": 1, "b": "x"}: count 2, size 0x16, keys at 0x12 and 0x13, a inlined int16, b a string at 0x14.
        var hex = "00" + "0200" + "1600" + "12000100" + "13000100" + "050100" + "0C1400" + "6162" + "0178";
        Assert.Equal("""{"a":1,"b":"x"}""", Render(hex));
    }

    [Fact]
    public void Small_array_of_mixed_values_renders()
    {
        // [true, -2, [7]]: the nested array sits at offset 0x0D.
        var hex = "02" + "0300" + "1400" + "040100" + "05FEFF" + "020D00" + "0100" + "0700" + "050700";
        Assert.Equal("[true,-2,[7]]", Render(hex));
    }

    [Fact]
    public void Large_object_inlines_int32()
    {
        // {"k": -5} in the large format: 4-byte count, size and offsets; int32 is inlined.
        var hex = "01" + "01000000" + "14000000" + "13000000" + "0100" + "07FBFFFFFF" + "6B";
        Assert.Equal("""{"k":-5}""", Render(hex));
    }

    [Theory]
    [InlineData("0F0A080000000000E48B19", "\"2012-03-18\"")]
    [InlineData("0FF6050504810929", "\"1.2345\"")]
    [InlineData("0F0F020102", "\"base64:type15:AQI=\"")]
    public void Opaque_values_render_as_mysql_prints_them(string hex, string json) =>
        Assert.Equal(json, Render(hex));

    [Theory]
    [InlineData("00" + "0500" + "0400")]
    [InlineData("02" + "0100" + "0700" + "0C9900")]
    [InlineData("0C05616263")]
    [InlineData("0C02C328")]
    [InlineData("0404")]
    [InlineData("11")]
    public void Malformed_documents_are_format_errors(string hex) =>
        Assert.Throws<FormatException>(() => Render(hex));

    [Fact]
    public void Arrays_sharing_one_child_cannot_blow_up()
    {
        // Every level is an array of two entries pointing at the same child: 2^40 values without a budget.
        var levels = 40;
        var bytes = new byte[(levels * 10) + 3];
        bytes[0] = 0x02;
        for (var level = 0; level < levels; level++)
        {
            var at = 1 + (level * 10);
            var size = bytes.Length - at;
            bytes[at] = 2;
            bytes[at + 2] = (byte)size;
            bytes[at + 3] = (byte)(size >> 8);
            bytes[at + 4] = 0x02;
            bytes[at + 5] = 10;
            bytes[at + 7] = 0x02;
            bytes[at + 8] = 10;
        }

        bytes[^2] = 0;
        Assert.Throws<FormatException>(() => Render(Convert.ToHexString(bytes)));
    }

    private static string Render(string hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            MySqlJsonWriter.Write(Convert.FromHexString(hex), writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
