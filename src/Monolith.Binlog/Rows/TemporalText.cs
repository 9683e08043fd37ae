namespace Monolith.Binlog.Rows;

/// <summary>Formats TIME and TIMESTAMP values as text in UTF-8.</summary>
internal static class TemporalText
{
    private const long MicrosPerSecond = 1_000_000;

    /// <summary><c>[-]HH:MM:SS[.ffffff]</c> with at least <paramref name="hourDigits"/> hour digits.</summary>
    public static int FormatTime(long micros, int fractionDigits, Span<byte> destination, int hourDigits)
    {
        var n = 0;
        if (micros < 0)
        {
            destination[n++] = (byte)'-';
            micros = -micros;
        }

        var seconds = micros / MicrosPerSecond;
        var fraction = (int)(micros % MicrosPerSecond);
        n += MySqlDateTime.WriteDigits(destination[n..], seconds / 3600, hourDigits);
        destination[n++] = (byte)':';
        n += MySqlDateTime.WriteDigits(destination[n..], seconds / 60 % 60, 2);
        destination[n++] = (byte)':';
        n += MySqlDateTime.WriteDigits(destination[n..], seconds % 60, 2);
        return n + MySqlDateTime.WriteFraction(destination[n..], fraction, fractionDigits);
    }

    /// <summary>
    /// <c>YYYY-MM-DDTHH:MM:SS[.ffffff]Z</c> for microseconds since the Unix epoch. Zero is the zero TIMESTAMP
    /// (<c>0000-00-00 00:00:00</c>, which SQL shows for it; the epoch itself cannot be stored), written
    /// <c>0000-00-00T00:00:00Z</c>.
    /// </summary>
    public static int FormatTimestamp(long micros, int fractionDigits, Span<byte> destination)
    {
        if (micros == 0)
        {
            var zero = default(MySqlDateTime).FormatUtf8(destination, true, fractionDigits);
            destination[10] = (byte)'T';
            destination[zero] = (byte)'Z';
            return zero + 1;
        }

        var seconds = Math.DivRem(micros, MicrosPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += MicrosPerSecond;
        }

        var time = DateTime.UnixEpoch.AddSeconds(seconds);
        var value = new MySqlDateTime(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second,
            (int)fraction);
        var n = value.FormatUtf8(destination, true, fractionDigits);
        destination[10] = (byte)'T';
        destination[n++] = (byte)'Z';
        return n;
    }
}
