using System.Buffers.Text;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Text read as numbers, dates and times for CAST. The whole text (spaces trimmed) must be the value:
/// where MySQL would take a prefix with a warning, the kernels answer NULL and count it.
/// </summary>
internal static class TextParse
{
    public static bool Int64(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(Trim(text), out value, out var consumed) && consumed == Trim(text).Length;

    public static bool UInt64(ReadOnlySpan<byte> text, out ulong value) =>
        Utf8Parser.TryParse(Trim(text), out value, out var consumed) && consumed == Trim(text).Length;

    public static bool Double(ReadOnlySpan<byte> text, out double value) =>
        Utf8Parser.TryParse(Trim(text), out value, out var consumed) && consumed == Trim(text).Length
        && double.IsFinite(value);

    /// <summary>Decimal text rounded half away from zero to <paramref name="scale"/>.</summary>
    public static bool Decimal(ReadOnlySpan<byte> text, int scale, out Int128 value)
    {
        value = 0;
        text = Trim(text);
        var point = text.IndexOf((byte)'.');
        var fraction = point < 0 ? 0 : text.Length - point - 1;
        var exactScale = Math.Max(fraction, scale);
        if (exactScale > DecimalMath.MaxPrecision128
            || !DecimalMath.TryParse(text, exactScale, out var wide)
            || !wide.TryToInt128(out var exact))
        {
            return false;
        }

        return DecimalMath.TryRescaleRounded(exact, exactScale, scale, out value);
    }

    /// <summary><c>YYYY-MM-DD</c> as a day number.</summary>
    public static bool Date(ReadOnlySpan<byte> text, out long days)
    {
        days = 0;
        text = Trim(text);
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !Number(text[..4], out var year) || !Number(text[5..7], out var month)
            || !Number(text[8..10], out var day) || !CivilCalendar.IsValidDate(year, month, day))
        {
            return false;
        }

        days = CivilCalendar.DaysFromCivil(year, month, day);
        return true;
    }

    /// <summary><c>YYYY-MM-DD[( |T)HH:MM:SS[.f{1,6}]]</c> as microseconds since 1970.</summary>
    public static bool Timestamp(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        text = Trim(text);
        if (text.Length < 10 || !Date(text[..10], out var days))
        {
            return false;
        }

        if (text.Length == 10)
        {
            micros = days * CivilCalendar.MicrosPerDay;
            return true;
        }

        if (text[10] != (byte)' ' && text[10] != (byte)'T')
        {
            return false;
        }

        if (!TimeOfDay(text[11..], out var ofDay) || ofDay >= CivilCalendar.MicrosPerDay)
        {
            return false;
        }

        micros = (days * CivilCalendar.MicrosPerDay) + ofDay;
        return true;
    }

    /// <summary><c>[-]H{1,3}:MM:SS[.f{1,6}]</c> as signed microseconds.</summary>
    public static bool Time(ReadOnlySpan<byte> text, out long micros)
    {
        text = Trim(text);
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var ok = TimeOfDay(negative ? text[1..] : text, out micros);
        micros = negative ? -micros : micros;
        return ok;
    }

    private static bool TimeOfDay(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        var firstColon = text.IndexOf((byte)':');
        if (firstColon is < 1 or > 3 || text.Length < firstColon + 6 || text[firstColon + 3] != (byte)':'
            || !Number(text[..firstColon], out var hours)
            || !Number(text.Slice(firstColon + 1, 2), out var minutes)
            || !Number(text.Slice(firstColon + 4, 2), out var seconds)
            || minutes > 59 || seconds > 59)
        {
            return false;
        }

        var rest = text[(firstColon + 6)..];
        var fraction = 0;
        if (!rest.IsEmpty)
        {
            if (rest[0] != (byte)'.' || rest.Length is < 2 or > 7 || !Number(rest[1..], out fraction))
            {
                return false;
            }

            for (var i = rest.Length - 1; i < 6; i++)
            {
                fraction *= 10;
            }
        }

        micros = (((hours * 60L) + minutes) * 60L + seconds) * CivilCalendar.MicrosPerSecond + fraction;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return !digits.IsEmpty;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim((byte)' ');
}
