using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using Monolith.Binlog.Rows;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Rows;

public class RowImageDecimalTests
{
    [Theory]
    [InlineData(10, 2, "800004D238", "1234.56")]
    [InlineData(10, 2, "7FFFFB2DC7", "-1234.56")]
    [InlineData(5, 2, "800000", "0.00")]
    [InlineData(5, 2, "800163", "1.99")]
    [InlineData(4, 2, "8063", "0.99")]
    [InlineData(1, 0, "89", "9")]
    [InlineData(1, 1, "89", "0.9")]
    public void Hand_encoded_decimals_read_exactly(int precision, int scale, string hex, string expected)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(DecimalCodec.BinarySize(precision, scale), bytes.Length);
        Assert.Equal(expected, Format(precision, scale, bytes));
    }

    [Theory]
    [InlineData(65, 30, "12345678901234567890123456789012345.123456789012345678901234567890")]
    [InlineData(65, 30, "-99999999999999999999999999999999999.999999999999999999999999999999")]
    [InlineData(65, 0, "99999999999999999999999999999999999999999999999999999999999999999")]
    [InlineData(65, 10, "-1234567890112233445566778899001112223334445556667778889.9900011112")]
    [InlineData(38, 0, "-99999999999999999999999999999999999999")]
    [InlineData(12, 2, "9999999999.99")]
    [InlineData(30, 30, "0.000000000000000000000000000001")]
    public void Decimals_up_to_65_digits_round_trip_through_the_binary_form(int precision, int scale, string value)
    {
        var bytes = Encode(value, precision, scale);
        Assert.Equal(value, Format(precision, scale, bytes));
        var fits = ReadSingle(new Column(ColumnType.NewDecimal, (ushort)(precision | (scale << 8))), bytes,
            image => image.TryGetDecimal(0, out var unscaled, out var s) ? (unscaled, s) : ((Int128, int)?)null);
        var expected = BigInteger.Parse(value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        if (BigInteger.Abs(expected) <= (BigInteger)Int128.MaxValue)
        {
            Assert.NotNull(fits);
            Assert.Equal(expected, (BigInteger)fits.Value.Item1);
            Assert.Equal(scale, fits.Value.Item2);
        }
        else
        {
            Assert.Null(fits);
        }
    }

    [Fact]
    public void Random_decimals_round_trip() =>
        Gen.Select(Gen.Int[1, 65], Gen.Int[0, 30], Gen.Bool, Gen.Int[0, int.MaxValue])
            .Where(t => t.Item2 <= t.Item1)
            .Sample((precision, scale, negative, seed) =>
            {
                var random = new Random(seed);
                var digits = new StringBuilder();
                for (var i = 0; i < precision; i++)
                {
                    digits.Append((char)('0' + random.Next(10)));
                }

                var integer = digits.ToString(0, precision - scale).TrimStart('0');
                var text = (integer.Length == 0 ? "0" : integer) +
                    (scale > 0 ? "." + digits.ToString(precision - scale, scale) : string.Empty);
                var isZero = text.All(c => c is '0' or '.');
                if (negative && !isZero)
                {
                    text = "-" + text;
                }

                Assert.Equal(text, Format(precision, scale, Encode(text, precision, scale)));
            }, iter: 2000);

    [Fact]
    public void Corrupt_decimal_group_is_a_format_error()
    {
        // DECIMAL(9,0) holds one 4-byte group; 0x3B9ACA00 is 1,000,000,000, ten digits.
        var bytes = Convert.FromHexString("BB9ACA00");
        var error = Assert.Throws<BinlogFormatException>(() =>
            ReadSingle(new Column(ColumnType.NewDecimal, 9), bytes, image => image.FormatDecimal(0, new byte[80])));
        Assert.Contains("@1", error.Message, StringComparison.Ordinal);
    }

    private static string Format(int precision, int scale, byte[] bytes) =>
        ReadSingle(new Column(ColumnType.NewDecimal, (ushort)(precision | (scale << 8))), bytes, image =>
        {
            var text = new byte[DecimalCodec.MaxTextLength];
            return Encoding.ASCII.GetString(text, 0, image.FormatDecimal(0, text));
        });

    /// <summary>A straightforward encoder: digits padded to the
    /// precision, cut into groups, big-endian, negated.</summary>
    private static byte[] Encode(string value, int precision, int scale)
    {
        var negative = value.StartsWith('-');
        var parts = value.TrimStart('-').Split('.');
        var integer = parts[0].TrimStart('0').PadLeft(precision - scale, '0');
        var fraction = (parts.Length > 1 ? parts[1] : string.Empty).PadRight(scale, '0');
        int[] sizes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];
        var bytes = new List<byte>();
        void Group(string digits)
        {
            var length = digits.Length == 9 ? 4 : sizes[digits.Length];
            var number = int.Parse(digits, CultureInfo.InvariantCulture);
            for (var i = length - 1; i >= 0; i--)
            {
                bytes.Add((byte)(number >> (8 * i)));
            }
        }

        var lead = integer.Length % 9;
        if (lead > 0)
        {
            Group(integer[..lead]);
        }

        for (var i = lead; i < integer.Length; i += 9)
        {
            Group(integer.Substring(i, 9));
        }

        for (var i = 0; i + 9 <= fraction.Length; i += 9)
        {
            Group(fraction.Substring(i, 9));
        }

        if (fraction.Length % 9 > 0)
        {
            Group(fraction[^(fraction.Length % 9)..]);
        }

        var result = bytes.ToArray();
        result[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (byte)~result[i];
            }
        }

        return result;
    }
}
