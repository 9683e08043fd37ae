using System.Globalization;

namespace Monolith.Binlog.Rows;

/// <summary>
/// A DATE or DATETIME value as MySQL stores it: a wall-clock reading without a zone. Unlike
/// <see cref="System.DateTime"/> it holds the zero date <c>0000-00-00</c> and dates with a zero month or day, which
/// MySQL accepts in non-strict modes.
/// </summary>
public readonly record struct MySqlDateTime(
    int Year, int Month, int Day, int Hour, int Minute, int Second, int Microsecond)
{
    /// <summary>Whether every part is zero (<c>0000-00-00 00:00:00</c>).</summary>
    public bool IsZero => Year == 0 && Month == 0 && Day == 0 && Hour == 0 && Minute == 0 && Second == 0 &&
        Microsecond == 0;

    /// <summary>Converts to a <see cref="System.DateTime"/> of unspecified kind when the date is a real one.</summary>
    public bool TryToDateTime(out DateTime value)
    {
        if (Year is >= 1 and <= 9999 && Month is >= 1 and <= 12 &&
            Day >= 1 && Day <= DateTime.DaysInMonth(Year, Month) &&
            Hour < 24 && Minute < 60 && Second < 60 && Microsecond < 1_000_000)
        {
            value = new DateTime(Year, Month, Day, Hour, Minute, Second, DateTimeKind.Unspecified)
                .AddTicks(Microsecond * 10L);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Writes <c>YYYY-MM-DD</c>, or <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> with <paramref name="fractionDigits"/> digits
    /// of the fraction, as UTF-8. Returns the bytes written.
    /// </summary>
    public int FormatUtf8(Span<byte> destination, bool includeTime, int fractionDigits)
    {
        var n = 0;
        n += WriteDigits(destination[n..], Year, 4);
        destination[n++] = (byte)'-';
        n += WriteDigits(destination[n..], Month, 2);
        destination[n++] = (byte)'-';
        n += WriteDigits(destination[n..], Day, 2);
        if (!includeTime)
        {
            return n;
        }

        destination[n++] = (byte)' ';
        n += WriteDigits(destination[n..], Hour, 2);
        destination[n++] = (byte)':';
        n += WriteDigits(destination[n..], Minute, 2);
        destination[n++] = (byte)':';
        n += WriteDigits(destination[n..], Second, 2);
        return n + WriteFraction(destination[n..], Microsecond, fractionDigits);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Year:D4}-{Month:D2}-{Day:D2} {Hour:D2}:{Minute:D2}:{Second:D2}.{Microsecond:D6}");

    internal static int WriteDigits(Span<byte> destination, long value, int width)
    {
        var digits = 1;
        for (var v = value / 10; v > 0; v /= 10)
        {
            digits++;
        }

        var count = Math.Max(digits, width);
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return count;
    }

    /// <summary>Writes <c>.ffffff</c> cut to <paramref name="digits"/> digits; nothing when digits is 0.</summary>
    internal static int WriteFraction(Span<byte> destination, int microseconds, int digits)
    {
        if (digits <= 0)
        {
            return 0;
        }

        destination[0] = (byte)'.';
        var value = microseconds;
        Span<byte> six = stackalloc byte[6];
        for (var i = 5; i >= 0; i--)
        {
            six[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        six[..Math.Min(digits, 6)].CopyTo(destination[1..]);
        return 1 + Math.Min(digits, 6);
    }
}
