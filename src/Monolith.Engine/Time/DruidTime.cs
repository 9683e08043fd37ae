using System.Buffers.Text;
using System.Globalization;

namespace Monolith.Engine.Time;

/// <summary>
/// Druid's textual time: <c>__time</c> written as ISO-8601 in UTC with milliseconds and <c>Z</c>
/// (<c>2025-11-28T01:00:00.000Z</c>), ISO-8601 instants read with or without a zone offset (none means UTC),
/// and the SQL literal forms <c>2025-11-28 01:00:00</c> and <c>2025-11-28</c>.
/// </summary>
public static class DruidTime
{
    /// <summary>Longest text <see cref="FormatIso(long, Span{byte})"/> writes.</summary>
    public const int MaxIsoLength = 40;

    /// <summary>Writes an instant as <c>YYYY-MM-DDTHH:MM:SS.fffZ</c>; years beyond four digits get more digits
    /// and a sign when negative, as Joda writes them.</summary>
    public static string FormatIso(long millis)
    {
        Span<byte> buffer = stackalloc byte[MaxIsoLength];
        var length = FormatIso(millis, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Writes an instant as UTF-8 into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int FormatIso(long millis, Span<byte> destination)
    {
        var days = CivilTime.FloorDiv(millis, CivilTime.MillisPerDay);
        var timeOfDay = millis - (days * CivilTime.MillisPerDay);
        var (year, month, day) = CivilTime.CivilFromDays(days);
        var position = 0;
        if (year < 0)
        {
            destination[position++] = (byte)'-';
            year = -year;
        }

        if (year < 10000)
        {
            Digits(destination, ref position, year, 4);
        }
        else
        {
            Utf8Formatter.TryFormat(year, destination[position..], out var written);
            position += written;
        }

        destination[position++] = (byte)'-';
        Digits(destination, ref position, month, 2);
        destination[position++] = (byte)'-';
        Digits(destination, ref position, day, 2);
        destination[position++] = (byte)'T';
        Digits(destination, ref position, timeOfDay / CivilTime.MillisPerHour, 2);
        destination[position++] = (byte)':';
        Digits(destination, ref position, timeOfDay / CivilTime.MillisPerMinute % 60, 2);
        destination[position++] = (byte)':';
        Digits(destination, ref position, timeOfDay / 1000 % 60, 2);
        destination[position++] = (byte)'.';
        Digits(destination, ref position, timeOfDay % 1000, 3);
        destination[position++] = (byte)'Z';
        return position;
    }

    private static void Digits(Span<byte> destination, ref int position, long value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[position + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        position += width;
    }

    /// <summary>Writes wall-clock milliseconds as <c>YYYY-MM-DD HH:MM:SS</c>, with <c>.fff</c> when not
    /// whole.</summary>
    public static string FormatSqlTimestamp(long wallClockMillis)
    {
        var iso = FormatIso(wallClockMillis);
        var text = iso[..^1].Replace('T', ' ');
        return text.EndsWith(".000", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>Writes the date part of wall-clock milliseconds as <c>YYYY-MM-DD</c>.</summary>
    public static string FormatSqlDate(long wallClockMillis)
    {
        var iso = FormatIso(wallClockMillis);
        return iso[..iso.IndexOf('T', StringComparison.Ordinal)];
    }

    /// <summary>Reads a SQL TIMESTAMP literal body: <c>YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]]</c>, no zone.</summary>
    public static bool TryParseSqlTimestamp(string text, out long wallClockMillis)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        return TryParseDateTime(span, allowZone: false, out wallClockMillis);
    }

    /// <summary>Reads a SQL DATE literal body: <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseSqlDate(string text, out long wallClockMillis)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        var position = 0;
        wallClockMillis = 0;
        if (!TryParseDate(span, ref position, out var days) || position != span.Length)
        {
            return false;
        }

        wallClockMillis = days * CivilTime.MillisPerDay;
        return true;
    }

    /// <summary>
    /// Reads an ISO-8601 instant: <c>[±]YYYY-MM-DD[THH[:MM[:SS[.fraction]]]][Z|±HH[:MM]]</c>; without a zone
    /// the text is UTC. A space may stand for the <c>T</c>. Fractions finer than milliseconds are truncated.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<char> text, out long millis) =>
        TryParseDateTime(text.Trim(), allowZone: true, out millis);

    /// <summary>Reads an ISO-8601 instant.</summary>
    /// <exception cref="FormatException">The text is not an ISO-8601 date or date-time.</exception>
    public static long ParseIso(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseIso(text, out var millis))
        {
            throw new FormatException($"'{text}' is not an ISO-8601 date-time such as 2025-11-28T01:00:00Z");
        }

        return millis;
    }

    private static bool TryParseDateTime(ReadOnlySpan<char> s, bool allowZone, out long millis)
    {
        millis = 0;
        var position = 0;
        if (!TryParseDate(s, ref position, out var days))
        {
            return false;
        }

        long timeOfDay = 0;
        if (position < s.Length && (s[position] == 'T' || s[position] == ' '))
        {
            position++;
            if (!TryTwoDigits(s, ref position, out var hour) || hour > 23)
            {
                return false;
            }

            timeOfDay = hour * CivilTime.MillisPerHour;
            if (position < s.Length && s[position] == ':')
            {
                position++;
                if (!TryTwoDigits(s, ref position, out var minute) || minute > 59)
                {
                    return false;
                }

                timeOfDay += minute * CivilTime.MillisPerMinute;
                if (position < s.Length && s[position] == ':')
                {
                    position++;
                    if (!TryTwoDigits(s, ref position, out var second) || second > 59)
                    {
                        return false;
                    }

                    timeOfDay += second * 1000L;
                    if (position < s.Length && (s[position] == '.' || s[position] == ','))
                    {
                        position++;
                        var start = position;
                        var fraction = 0;
                        while (position < s.Length && char.IsAsciiDigit(s[position]))
                        {
                            if (position - start < 3)
                            {
                                fraction = (fraction * 10) + (s[position] - '0');
                            }

                            position++;
                        }

                        var digits = position - start;
                        if (digits == 0)
                        {
                            return false;
                        }

                        for (var d = digits; d < 3; d++)
                        {
                            fraction *= 10;
                        }

                        timeOfDay += fraction;
                    }
                }
            }
        }

        long offset = 0;
        if (position < s.Length)
        {
            if (!allowZone || !TryParseZone(s, ref position, out offset) || position != s.Length)
            {
                return false;
            }
        }

        millis = (days * CivilTime.MillisPerDay) + timeOfDay - offset;
        return true;
    }

    private static bool TryParseZone(ReadOnlySpan<char> s, ref int position, out long offset)
    {
        offset = 0;
        if (s[position] is 'Z' or 'z')
        {
            position++;
            return true;
        }

        if (s[position] is not ('+' or '-'))
        {
            return false;
        }

        var sign = s[position] == '-' ? -1 : 1;
        position++;
        if (!TryTwoDigits(s, ref position, out var hours) || hours > 18)
        {
            return false;
        }

        var minutes = 0;
        if (position < s.Length)
        {
            if (s[position] == ':')
            {
                position++;
            }

            if (!TryTwoDigits(s, ref position, out minutes) || minutes > 59)
            {
                return false;
            }
        }

        offset = sign * ((hours * CivilTime.MillisPerHour) + (minutes * CivilTime.MillisPerMinute));
        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, ref int position, out long days)
    {
        days = 0;
        var negative = false;
        if (position < s.Length && (s[position] == '-' || s[position] == '+'))
        {
            negative = s[position] == '-';
            position++;
        }

        var start = position;
        while (position < s.Length && char.IsAsciiDigit(s[position]))
        {
            position++;
        }

        if (position - start < 4 || position - start > 12 ||
            !long.TryParse(s[start..position], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        if (negative)
        {
            year = -year;
        }

        if (position >= s.Length || s[position] != '-')
        {
            return false;
        }

        position++;
        if (!TryTwoDigits(s, ref position, out var month) || month is < 1 or > 12)
        {
            return false;
        }

        if (position >= s.Length || s[position] != '-')
        {
            return false;
        }

        position++;
        if (!TryTwoDigits(s, ref position, out var day) || day < 1 || day > CivilTime.DaysInMonth(year, month))
        {
            return false;
        }

        days = CivilTime.DaysFromCivil(year, month, day);
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> s, ref int position, out int value)
    {
        value = 0;
        if (position + 2 > s.Length || !char.IsAsciiDigit(s[position]) || !char.IsAsciiDigit(s[position + 1]))
        {
            return false;
        }

        value = ((s[position] - '0') * 10) + (s[position + 1] - '0');
        position += 2;
        return true;
    }
}
