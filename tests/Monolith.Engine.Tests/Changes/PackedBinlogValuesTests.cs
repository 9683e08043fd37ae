using System.Globalization;
using System.Numerics;
using Decimal128Array = Apache.Arrow.Decimal128Array;
using TimestampArray = Apache.Arrow.TimestampArray;
using CsCheck;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Pipeline;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Engine.Tests.Changes;

/// <summary>
/// The packed readers against the decoder's general accessors (the conversion they replace) on the same bytes:
/// boundary values, zero dates, impossible dates, random values, and malformed bytes, which they must refuse.
/// </summary>
public class PackedBinlogValuesTests
{
    public static TheoryData<int, int, int, int, int, int, int> DateTimes => new()
    {
        { 0, 0, 0, 0, 0, 0, 0 },
        { 1000, 1, 1, 0, 0, 0, 0 },
        { 1970, 1, 1, 0, 0, 0, 1 },
        { 2024, 2, 29, 23, 59, 59, 999_999 },
        { 2023, 2, 29, 12, 0, 0, 0 },
        { 2024, 0, 15, 1, 2, 3, 0 },
        { 2024, 6, 0, 1, 2, 3, 0 },
        { 9999, 12, 31, 23, 59, 59, 999_999 },
        { 1, 1, 1, 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void DateTime2_parts_equal_the_general_accessor_at_every_fraction_length(
        int year, int month, int day, int hour, int minute, int second, int microsecond)
    {
        for (var fsp = 0; fsp <= 6; fsp++)
        {
            var bytes = EncodeDateTime2(year, month, day, hour, minute, second, microsecond, fsp);
            var (general, packed) = ReadSingle(new Column(ColumnType.DateTime2, (ushort)fsp), bytes, image =>
            {
                var ok = PackedBinlogValues.TryReadDateTime2(image.GetBytes(0), fsp, out var y, out var mo,
                    out var d, out var h, out var mi, out var s, out var us);
                Assert.True(ok);
                return (image.GetDateTime(0), new MySqlDateTime(y, mo, d, h, mi, s, us));
            });
            Assert.Equal(general, packed);
        }
    }

    [Fact]
    public void Random_DateTime2_parts_equal_the_general_accessor() =>
        Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 12], Gen.Int[0, 31], Gen.Int[0, 23], Gen.Int[0, 59],
                Gen.Int[0, 59], Gen.Int[0, 999_999])
            .Select(Gen.Int[0, 6], (t, fsp) => (t, fsp))
            .Sample(x =>
            {
                var (y, mo, d, h, mi, s, us) = x.t;
                var bytes = EncodeDateTime2(y, mo, d, h, mi, s, us, x.fsp);
                var (general, packed) = ReadSingle(new Column(ColumnType.DateTime2, (ushort)x.fsp), bytes, image =>
                {
                    Assert.True(PackedBinlogValues.TryReadDateTime2(image.GetBytes(0), x.fsp, out var py,
                        out var pmo, out var pd, out var ph, out var pmi, out var ps, out var pus));
                    return (image.GetDateTime(0), new MySqlDateTime(py, pmo, pd, ph, pmi, ps, pus));
                });
                Assert.Equal(general, packed);
            });

    [Fact]
    public void DateTime2_that_is_short_or_negative_is_refused()
    {
        Assert.False(PackedBinlogValues.TryReadDateTime2([0x80, 0, 0, 0], 0, out _, out _, out _, out _, out _,
            out _, out _));
        Assert.False(PackedBinlogValues.TryReadDateTime2([0x80, 0, 0, 0, 0], 2, out _, out _, out _, out _, out _,
            out _, out _));
        Assert.False(PackedBinlogValues.TryReadDateTime2([0x7F, 0xFF, 0xFF, 0xFF, 0xFF], 0, out _, out _, out _,
            out _, out _, out _, out _));
    }

    [Theory]
    [InlineData(1, 0, "0")]
    [InlineData(1, 0, "-9")]
    [InlineData(1, 1, "0.9")]
    [InlineData(12, 2, "9999999999.99")]
    [InlineData(12, 2, "-9999999999.99")]
    [InlineData(12, 2, "0.01")]
    [InlineData(12, 2, "-0.01")]
    [InlineData(18, 0, "999999999999999999")]
    [InlineData(18, 0, "-999999999999999999")]
    [InlineData(18, 9, "-123456789.987654321")]
    [InlineData(18, 18, "0.999999999999999999")]
    [InlineData(10, 4, "-123456.0001")]
    public void Decimals_equal_the_general_accessor(int precision, int scale, string value) =>
        AssertDecimalAgrees(precision, scale, value);

    [Fact]
    public void Random_decimals_equal_the_general_accessor() =>
        Gen.Select(Gen.Int[1, 18], Gen.Int[0, 18], Gen.Bool, Gen.Long[0, 999_999_999_999_999_999])
            .Where(t => t.Item2 <= t.Item1)
            .Sample((precision, scale, negative, raw) =>
            {
                var magnitude = raw % (long)BigInteger.Pow(10, precision);
                var digits = magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
                var text = scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..];
                AssertDecimalAgrees(precision, scale, (negative ? "-" : "") + text);
            });

    [Fact]
    public void Decimal_with_an_oversized_group_or_wrong_length_is_refused()
    {
        // DECIMAL(10,0): one digit in one byte, then nine in four; a group of 0xFFFFFFFF has ten digits.
        Assert.False(PackedBinlogValues.TryReadDecimal64([0x80, 0xFF, 0xFF, 0xFF, 0xFF], 10, 0, out _));
        Assert.False(PackedBinlogValues.TryReadDecimal64([0x80, 0, 0, 0], 10, 0, out _));
        Assert.False(PackedBinlogValues.TryReadDecimal64(new byte[9], 19, 0, out _));
        Assert.False(PackedBinlogValues.TryReadDecimal64([0x8A], 1, 0, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0 }, 0)]
    [InlineData(new byte[] { 3 }, 3)]
    [InlineData(new byte[] { 255 }, 255)]
    [InlineData(new byte[] { 0x2C, 0x01 }, 300)]
    [InlineData(new byte[] { 0xFF, 0xFF }, 65535)]
    public void Enum_index_equals_the_general_accessor(byte[] bytes, int expected)
    {
        var column = new Column(ColumnType.String, (ushort)((byte)ColumnType.Enum << 8 | bytes.Length));
        var general = ReadSingle(column, bytes, image => image.GetInt64(0));
        Assert.Equal(expected, general);
        Assert.Equal(general, PackedBinlogValues.ReadEnumIndex(bytes));
    }

    [Fact]
    public void Appended_datetimes_and_decimals_equal_the_conversion_through_the_general_accessors()
    {
        // DATETIME(6) and DECIMAL(12,2), both read through the packed fast paths by the appender.
        var table = Table(new Column(ColumnType.DateTime2, 6, Nullable: false),
            new Column(ColumnType.NewDecimal, 12 | (2 << 8), Nullable: false));
        var cases = new (int Y, int Mo, int D, int H, int Mi, int S, int Us, string Value)[]
        {
            (2024, 5, 17, 10, 11, 12, 123_456, "12345.67"),
            (0, 0, 0, 0, 0, 0, 0, "-0.01"),
            (2023, 2, 29, 0, 0, 0, 0, "0.00"),
            (9999, 12, 31, 23, 59, 59, 999_999, "-9999999999.99"),
            (1000, 1, 1, 0, 0, 0, 0, "9999999999.99"),
        };
        var images = cases.Select(c => (byte[])[0, .. EncodeDateTime2(c.Y, c.Mo, c.D, c.H, c.Mi, c.S, c.Us, 6),
            .. EncodeDecimal(c.Value, 12, 2)]).ToArray();
        var body = WriteRowsBody(2, images);
        var header = RowsEventHeader.Read(body, Monolith.Binlog.Events.BinlogEventType.WriteRowsV2, 10);
        using var builder = new ChangeBatchBuilder(RowImageAppender.ColumnsOf(table));
        var appender = new RowImageAppender(table, builder);
        var expected = new List<(long? Micros, decimal Value)>();
        foreach (var change in new RowsEventReader(table, header, body, new int[table.ScratchLength]))
        {
            appender.Append(builder, change.After, 1);
            var dt = change.After.GetDateTime(0);
            long? micros = CivilCalendar.IsValidDate(dt.Year, dt.Month, dt.Day)
                ? CivilCalendar.MicrosFromCivil(dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute, dt.Second,
                    dt.Microsecond)
                : null;
            Assert.True(change.After.TryGetDecimal(1, out var unscaled, out var scale));
            expected.Add((micros, (decimal)unscaled / (decimal)Math.Pow(10, scale)));
        }

        using var batch = builder.Close()!;
        var times = (TimestampArray)batch.RecordBatch.Column(0);
        var values = (Decimal128Array)batch.RecordBatch.Column(1);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(expected[i].Micros, times.IsNull(i) ? null : times.GetValue(i));
            Assert.Equal(expected[i].Value, values.GetValue(i));
        }

        Assert.Equal(2, builder.Counts.ZeroDates + builder.Counts.Unfit);
    }

    private static void AssertDecimalAgrees(int precision, int scale, string value)
    {
        var bytes = EncodeDecimal(value, precision, scale);
        var (general, generalScale) = ReadSingle(new Column(ColumnType.NewDecimal, (ushort)(precision | (scale << 8))),
            bytes, image => image.TryGetDecimal(0, out var unscaled, out var s) ? (unscaled, s) : (Int128.MinValue, s));
        Assert.True(PackedBinlogValues.TryReadDecimal64(bytes, precision, scale, out var packed));
        Assert.Equal(scale, generalScale);
        Assert.Equal(general, (Int128)packed);
        Assert.Equal(BigInteger.Parse(value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture),
            (BigInteger)packed);
    }

    /// <summary>DATETIME2 as the server packs it: 40 bits of year*13+month, day, hour, minute, second, offset by
    /// 2^39, big-endian, then the fraction cut to <paramref name="fsp"/> digits in (fsp + 1) / 2 bytes.</summary>
    private static byte[] EncodeDateTime2(int year, int month, int day, int hour, int minute, int second,
        int microsecond, int fsp)
    {
        var packed = ((((long)year * 13) + month) << 22 | (long)day << 17 | (long)hour << 12 | (long)minute << 6
            | (long)second) + 0x80_0000_0000L;
        var bytes = new List<byte>();
        for (var shift = 32; shift >= 0; shift -= 8)
        {
            bytes.Add((byte)(packed >> shift));
        }

        var fractionBytes = (fsp + 1) / 2;
        var fraction = fractionBytes switch
        {
            1 => microsecond / 10000,
            2 => microsecond / 100,
            3 => microsecond,
            _ => 0,
        };
        for (var shift = 8 * (fractionBytes - 1); shift >= 0; shift -= 8)
        {
            bytes.Add((byte)(fraction >> shift));
        }

        return [.. bytes];
    }

    /// <summary>Binary DECIMAL: groups of nine digits in four big-endian bytes, shorter groups at both ends in
    /// as few bytes as their digits need, the top bit of the first byte set for positive values, every byte
    /// inverted for negative ones.</summary>
    private static byte[] EncodeDecimal(string value, int precision, int scale)
    {
        ReadOnlySpan<int> digitBytes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];
        var negative = value.StartsWith('-');
        var parts = value.TrimStart('-').Split('.');
        var integer = parts[0].TrimStart('0').PadLeft(precision - scale, '0');
        var fraction = (parts.Length > 1 ? parts[1] : "").PadRight(scale, '0');
        var groups = new List<(int Value, int Digits)>();
        var lead = integer.Length % 9;
        if (lead > 0)
        {
            groups.Add((int.Parse(integer[..lead], CultureInfo.InvariantCulture), lead));
        }

        for (var i = lead; i < integer.Length; i += 9)
        {
            groups.Add((int.Parse(integer.Substring(i, 9), CultureInfo.InvariantCulture), 9));
        }

        for (var i = 0; i + 9 <= fraction.Length; i += 9)
        {
            groups.Add((int.Parse(fraction.Substring(i, 9), CultureInfo.InvariantCulture), 9));
        }

        if (fraction.Length % 9 > 0)
        {
            groups.Add((int.Parse(fraction[^(fraction.Length % 9)..], CultureInfo.InvariantCulture),
                fraction.Length % 9));
        }

        var bytes = new List<byte>();
        foreach (var (group, digits) in groups)
        {
            var length = digitBytes[digits];
            for (var shift = 8 * (length - 1); shift >= 0; shift -= 8)
            {
                bytes.Add((byte)(group >> shift));
            }
        }

        bytes[0] ^= 0x80;
        return negative ? [.. bytes.Select(b => (byte)~b)] : [.. bytes];
    }
}
