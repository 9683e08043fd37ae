namespace Monolith.Binlog.Rows;

/// <summary>
/// MySQL's binary DECIMAL: the integer and fraction digits in groups of nine stored as big-endian 4-byte words,
/// with a shorter leading (integer) and trailing (fraction) group, the sign in the top bit of the first byte and
/// every byte inverted for negative values.
/// </summary>
internal static class DecimalCodec
{
    public const int MaxPrecision = 65;
    public const int MaxScale = 30;

    /// <summary>The longest text: 65 digits, a sign, a point and a leading zero.</summary>
    public const int MaxTextLength = MaxPrecision + 3;

    private static ReadOnlySpan<byte> DigitBytes => [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    private static ReadOnlySpan<int> Powers =>
        [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

    public static int BinarySize(int precision, int scale)
    {
        var integer = precision - scale;
        return ((integer / 9) * 4) + DigitBytes[integer % 9] + ((scale / 9) * 4) + DigitBytes[scale % 9];
    }

    /// <summary>The digit groups from most to least significant, as (value, digit count), and the sign.</summary>
    private static int Groups(ReadOnlySpan<byte> bytes, int precision, int scale, Span<int> values, Span<int> widths,
        out bool negative, out int integerGroups)
    {
        Span<byte> work = stackalloc byte[32];
        if (precision is < 1 or > MaxPrecision || scale is < 0 or > MaxScale || scale > precision)
        {
            throw new FormatException($"DECIMAL({precision},{scale}) is outside MySQL's limits");
        }

        var size = BinarySize(precision, scale);
        if (bytes.Length != size || size > work.Length)
        {
            throw new FormatException($"DECIMAL({precision},{scale}) needs {size} bytes, found {bytes.Length}");
        }

        bytes.CopyTo(work);
        negative = (work[0] & 0x80) == 0;
        work[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < size; i++)
            {
                work[i] = (byte)~work[i];
            }
        }

        var integer = precision - scale;
        var count = 0;
        var pos = 0;
        void Take(int digits, Span<byte> source, Span<int> values, Span<int> widths)
        {
            var length = digits == 9 ? 4 : DigitBytes[digits];
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = (value << 8) | source[pos + i];
            }

            if ((uint)value >= (uint)Powers[digits])
            {
                throw new FormatException($"DECIMAL group {value} has more than {digits} digits");
            }

            pos += length;
            values[count] = value;
            widths[count] = digits;
            count++;
        }

        if (integer % 9 > 0)
        {
            Take(integer % 9, work, values, widths);
        }

        for (var i = 0; i < integer / 9; i++)
        {
            Take(9, work, values, widths);
        }

        integerGroups = count;
        for (var i = 0; i < scale / 9; i++)
        {
            Take(9, work, values, widths);
        }

        if (scale % 9 > 0)
        {
            Take(scale % 9, work, values, widths);
        }

        return count;
    }

    /// <summary>The value as an unscaled integer (value * 10^scale),
    /// or false when it needs more than 38 digits.</summary>
    /// <exception cref="FormatException">The bytes are not a valid DECIMAL of this precision and scale.</exception>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, int precision, int scale, out Int128 unscaled)
    {
        Span<int> values = stackalloc int[16];
        Span<int> widths = stackalloc int[16];
        var count = Groups(bytes, precision, scale, values, widths, out var negative, out _);
        if (precision <= 18)
        {
            // Fits a long: no overflow checks needed.
            long small = 0;
            for (var i = 0; i < count; i++)
            {
                small = (small * Powers[widths[i]]) + values[i];
            }

            unscaled = negative ? -small : small;
            return true;
        }

        Int128 result = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                result = checked((result * Powers[widths[i]]) + values[i]);
            }
        }
        catch (OverflowException)
        {
            unscaled = 0;
            return false;
        }

        unscaled = negative ? -result : result;
        return true;
    }

    /// <summary>Writes the value as text (<c>-123.4500</c>) into
    /// <paramref name="utf8"/>; returns the bytes written.</summary>
    /// <exception cref="FormatException">The bytes are not a valid DECIMAL of this precision and scale.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the text.</exception>
    public static int Format(ReadOnlySpan<byte> bytes, int precision, int scale, Span<byte> utf8)
    {
        Span<int> values = stackalloc int[16];
        Span<int> widths = stackalloc int[16];
        var count = Groups(bytes, precision, scale, values, widths, out var negative, out _);
        Span<byte> digits = stackalloc byte[80];
        var n = 0;
        for (var g = 0; g < count; g++)
        {
            var value = values[g];
            for (var i = widths[g] - 1; i >= 0; i--)
            {
                digits[n + i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            n += widths[g];
        }

        var integerDigits = precision - scale;
        var firstNonZero = 0;
        while (firstNonZero < integerDigits && digits[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        var isZero = digits[..n].IndexOfAnyExcept((byte)'0') < 0;
        var length = (negative && !isZero ? 1 : 0) + Math.Max(integerDigits - firstNonZero, 1) +
            (scale > 0 ? scale + 1 : 0);
        if (utf8.Length < length)
        {
            throw new ArgumentException($"A DECIMAL({precision},{scale}) needs {length} bytes of text",
                nameof(utf8));
        }

        var w = 0;
        if (negative && !isZero)
        {
            utf8[w++] = (byte)'-';
        }

        if (firstNonZero == integerDigits)
        {
            utf8[w++] = (byte)'0';
        }
        else
        {
            digits[firstNonZero..integerDigits].CopyTo(utf8[w..]);
            w += integerDigits - firstNonZero;
        }

        if (scale > 0)
        {
            utf8[w++] = (byte)'.';
            digits[integerDigits..n].CopyTo(utf8[w..]);
            w += scale;
        }

        return w;
    }
}
