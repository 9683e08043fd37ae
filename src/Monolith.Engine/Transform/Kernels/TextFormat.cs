using System.Globalization;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>Values written as UTF-8 text into spans, as MySQL prints them, without creating strings.</summary>
internal static class TextFormat
{
    /// <summary>Upper bound of the bytes any single formatted value needs.</summary>
    public const int MaxLength = 48;

    public static int Int64(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    public static int UInt64(ulong value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    public static int Double(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    public static int Decimal(Int128 unscaled, int scale, Span<byte> destination)
    {
        var position = 0;
        if (unscaled < 0)
        {
            destination[position++] = (byte)'-';
        }

        var magnitude = (UInt128)(unscaled < 0 ? -unscaled : unscaled);
        Span<byte> digits = stackalloc byte[40];
        magnitude.TryFormat(digits, out var count, default, CultureInfo.InvariantCulture);

        // Left-pad with zeros so that at least one digit precedes the point.
        var integerDigits = count - scale;
        if (integerDigits <= 0)
        {
            destination[position++] = (byte)'0';
            if (scale > 0)
            {
                destination[position++] = (byte)'.';
                for (var i = 0; i < -integerDigits; i++)
                {
                    destination[position++] = (byte)'0';
                }

                digits[..count].CopyTo(destination[position..]);
                position += count;
            }

            return position;
        }

        digits[..integerDigits].CopyTo(destination[position..]);
        position += integerDigits;
        if (scale > 0)
        {
            destination[position++] = (byte)'.';
            digits.Slice(integerDigits, scale).CopyTo(destination[position..]);
            position += scale;
        }

        return position;
    }

    public static int Date(long days, Span<byte> destination)
    {
        var (year, month, day) = CivilCalendar.CivilFromDays(days);
        Digits(year, 4, destination);
        destination[4] = (byte)'-';
        Digits(month, 2, destination[5..]);
        destination[7] = (byte)'-';
        Digits(day, 2, destination[8..]);
        return 10;
    }

    /// <summary><c>YYYY-MM-DD HH:MM:SS</c> with <c>.ffffff</c> only when the microseconds are not zero.
    /// </summary>
    public static int Timestamp(long micros, Span<byte> destination)
    {
        var (days, ofDay) = CivilCalendar.SplitMicros(micros);
        var position = Date(days, destination);
        destination[position++] = (byte)' ';
        return position + TimeOfDay(ofDay, destination[position..]);
    }

    /// <summary><c>[-]HH:MM:SS[.ffffff]</c>; hours may exceed 23 and take three digits.</summary>
    public static int Time(long micros, Span<byte> destination)
    {
        var position = 0;
        if (micros < 0)
        {
            destination[position++] = (byte)'-';
            micros = -micros;
        }

        return position + TimeOfDay(micros, destination[position..]);
    }

    private static int TimeOfDay(long micros, Span<byte> destination)
    {
        var hours = micros / 3_600_000_000L;
        var position = 0;
        if (hours >= 100)
        {
            Digits((int)hours, 3, destination);
            position = 3;
        }
        else
        {
            Digits((int)hours, 2, destination);
            position = 2;
        }

        destination[position++] = (byte)':';
        Digits((int)(micros / 60_000_000L % 60), 2, destination[position..]);
        position += 2;
        destination[position++] = (byte)':';
        Digits((int)(micros / 1_000_000L % 60), 2, destination[position..]);
        position += 2;
        var fraction = micros % 1_000_000L;
        if (fraction != 0)
        {
            destination[position++] = (byte)'.';
            Digits((int)fraction, 6, destination[position..]);
            position += 6;
        }

        return position;
    }

    private static void Digits(int value, int width, Span<byte> destination)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
