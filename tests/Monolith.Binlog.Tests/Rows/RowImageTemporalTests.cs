using Monolith.Binlog.Rows;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Rows;

public class RowImageTemporalTests
{
    [Theory]
    [InlineData("000000", 0, 0, 0)]
    [InlineData("5DD00F", 2024, 2, 29)]
    [InlineData("21D00F", 2024, 1, 1)]
    [InlineData("9F1F00", 15, 12, 31)]
    public void Date_is_day_month_year_in_three_bytes_and_zero_dates_are_allowed(string hex, int y, int m, int d) =>
        Assert.Equal(new MySqlDateTime(y, m, d, 0, 0, 0, 0), ReadSingle(new Column(ColumnType.Date),
            Convert.FromHexString(hex), image => image.GetDateTime(0)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100000)]
    [InlineData(2, 120000)]
    [InlineData(3, 123000)]
    [InlineData(4, 123400)]
    [InlineData(5, 123450)]
    [InlineData(6, 123456)]
    public void Datetime2_reads_every_fractional_precision(int fsp, int micros)
    {
        var bytes = EncodeDateTime2(2024, 2, 29, 13, 45, 56, micros, fsp);
        Assert.Equal(5 + ((fsp + 1) / 2), bytes.Length);
        Assert.Equal(new MySqlDateTime(2024, 2, 29, 13, 45, 56, micros),
            ReadSingle(new Column(ColumnType.DateTime2, (ushort)fsp), bytes, image => image.GetDateTime(0)));
    }

    [Fact]
    public void Datetime2_zero_and_old_datetime_decode()
    {
        Assert.True(ReadSingle(new Column(ColumnType.DateTime2, 0), EncodeDateTime2(0, 0, 0, 0, 0, 0, 0, 0),
            image => image.GetDateTime(0)).IsZero);
        Assert.Equal(new MySqlDateTime(2024, 2, 29, 13, 45, 56, 0), ReadSingle(new Column(ColumnType.DateTime),
            BitConverter.GetBytes(20240229134556UL), image => image.GetDateTime(0)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 120000)]
    [InlineData(4, 123400)]
    [InlineData(6, 123456)]
    public void Timestamp2_is_big_endian_seconds_and_a_fraction(int fsp, int micros)
    {
        byte[] bytes = [0x65, 0xDF, 0x9A, 0x00, .. Fraction(micros, fsp)];
        Assert.Equal((0x65DF9A00L * 1_000_000) + micros, ReadSingle(new Column(ColumnType.Timestamp2, (ushort)fsp),
            bytes, image => image.GetTimestampMicroseconds(0)));
    }

    [Fact]
    public void Old_timestamp_is_little_endian_seconds() =>
        Assert.Equal(1_700_000_000L * 1_000_000, ReadSingle(new Column(ColumnType.Timestamp),
            BitConverter.GetBytes(1_700_000_000u), image => image.GetTimestampMicroseconds(0)));

    [Theory]
    [InlineData(0, "800000", 0L)]
    [InlineData(0, "B46EFB", 3_020_399_000_000L)]
    [InlineData(0, "4B9105", -3_020_399_000_000L)]
    [InlineData(2, "7FFFFFFF", -10_000L)]
    [InlineData(2, "7FFFFF9D", -990_000L)]
    [InlineData(2, "7FFFFF00", -1_000_000L)]
    [InlineData(2, "7FFFFEFF", -1_010_000L)]
    [InlineData(2, "7FFFFEF6", -1_100_000L)]
    [InlineData(4, "80C8B81ED3", 45_296_789_100L)]
    [InlineData(4, "7FFFFFFFFF", -100L)]
    [InlineData(6, "801000000001", 3_600_000_001L)]
    [InlineData(6, "7FEFFFFFFFFF", -3_600_000_001L)]
    public void Time2_reads_negative_and_fractional_values(int fsp, string hex, long micros) =>
        Assert.Equal(micros, ReadSingle(new Column(ColumnType.Time2, (ushort)fsp), Convert.FromHexString(hex),
            image => image.GetTimeMicroseconds(0)));

    [Theory]
    [InlineData(-8385959, -((838L * 3600) + (59 * 60) + 59) * 1_000_000)]
    [InlineData(123456, ((12L * 3600) + (34 * 60) + 56) * 1_000_000)]
    public void Old_time_is_a_signed_decimal_hhmmss(int value, long micros)
    {
        byte[] bytes = [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];
        Assert.Equal(micros, ReadSingle(new Column(ColumnType.Time), bytes, image => image.GetTimeMicroseconds(0)));
    }

    [Theory]
    [InlineData(-1_100_000L, 2, "-00:00:01.10")]
    [InlineData(3_020_399_000_000L, 0, "838:59:59")]
    [InlineData(45_296_789_100L, 4, "12:34:56.7891")]
    public void Time_text_has_at_least_two_hour_digits(long micros, int fsp, string text)
    {
        var buffer = new byte[32];
        var length = TemporalText.FormatTime(micros, fsp, buffer, 2);
        Assert.Equal(text, System.Text.Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Theory]
    [InlineData(0L, 0, "0000-00-00T00:00:00Z")]
    [InlineData(1_000_000L, 2, "1970-01-01T00:00:01.00Z")]
    [InlineData(498046943_567000L, 3, "1985-10-13T10:22:23.567Z")]
    [InlineData(1_700_000_000_000_001L, 6, "2023-11-14T22:13:20.000001Z")]
    public void Timestamp_text_is_utc_with_the_column_precision(long micros, int fsp, string text)
    {
        var buffer = new byte[40];
        var length = TemporalText.FormatTimestamp(micros, fsp, buffer);
        Assert.Equal(text, System.Text.Encoding.ASCII.GetString(buffer, 0, length));
    }

    private static byte[] EncodeDateTime2(int y, int mo, int d, int h, int mi, int s, int micros, int fsp)
    {
        var ymd = ((long)((y * 13) + mo) << 5) | (uint)d;
        var value = ((ymd << 17) | (uint)((h << 12) | (mi << 6) | s)) + 0x80_0000_0000L;
        byte[] head = [(byte)(value >> 32), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
        return [.. head, .. Fraction(micros, fsp)];
    }

    private static byte[] Fraction(int micros, int fsp) => fsp switch
    {
        1 or 2 => [(byte)(micros / 10000)],
        3 or 4 => [(byte)(micros / 100 >> 8), (byte)(micros / 100)],
        5 or 6 => [(byte)(micros >> 16), (byte)(micros >> 8), (byte)micros],
        _ => [],
    };
}
