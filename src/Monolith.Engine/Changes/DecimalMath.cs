using System.Runtime.CompilerServices;

namespace Monolith.Engine.Changes;

/// <summary>
/// Exact arithmetic on unscaled decimal values (value = unscaled / 10^scale) held in <see cref="Int128"/>,
/// which covers every DECIMAL of up to 38 digits. Nothing here rounds silently: each operation either is
/// exact or reports that it could not be.
/// </summary>
public static class DecimalMath
{
    /// <summary>Largest precision an <see cref="Int128"/> unscaled value always holds.</summary>
    public const int MaxPrecision128 = 38;

    /// <summary>Largest precision a 256-bit unscaled value always holds.</summary>
    public const int MaxPrecision256 = 76;

    private static readonly Int128[] s_powers = BuildPowers();

    /// <summary>10 to the power <paramref name="exponent"/>, for exponents 0 to 38.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Pow10(int exponent) => s_powers[exponent];

    /// <summary>Whether the absolute value has at most <paramref name="precision"/> digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsPrecision(Int128 unscaled, int precision)
    {
        if (precision >= MaxPrecision128 + 1)
        {
            return true;
        }

        var limit = s_powers[precision];
        return unscaled < limit && unscaled > -limit;
    }

    /// <summary>Changes the scale exactly: multiplies when it grows (false on overflow) and divides when it
    /// shrinks (false when a non-zero digit would be dropped).</summary>
    public static bool TryRescaleExact(Int128 unscaled, int fromScale, int toScale, out Int128 result)
    {
        if (toScale == fromScale)
        {
            result = unscaled;
            return true;
        }

        if (toScale > fromScale)
        {
            return TryMultiplyPow10(unscaled, toScale - fromScale, out result);
        }

        var shift = fromScale - toScale;
        if (shift > MaxPrecision128)
        {
            result = 0;
            return unscaled == 0;
        }

        var quotient = Int128.DivRem(unscaled, s_powers[shift]);
        result = quotient.Quotient;
        return quotient.Remainder == 0;
    }

    /// <summary>Changes the scale, rounding half away from zero when it shrinks (as MySQL does); false only
    /// when growing overflows.</summary>
    public static bool TryRescaleRounded(Int128 unscaled, int fromScale, int toScale, out Int128 result)
    {
        if (toScale >= fromScale)
        {
            return TryRescaleExact(unscaled, fromScale, toScale, out result);
        }

        var shift = fromScale - toScale;
        if (shift > MaxPrecision128)
        {
            result = 0;
            return true;
        }

        result = DivideRounded(unscaled, s_powers[shift]);
        return true;
    }

    /// <summary>Multiplies by 10^<paramref name="exponent"/>; false on overflow of 128 bits.</summary>
    public static bool TryMultiplyPow10(Int128 value, int exponent, out Int128 result)
    {
        if (value == 0)
        {
            result = 0;
            return true;
        }

        if (exponent > MaxPrecision128)
        {
            result = 0;
            return false;
        }

        return TryMultiply(value, s_powers[exponent], out result);
    }

    /// <summary>Checked 128-bit multiplication.</summary>
    public static bool TryMultiply(Int128 left, Int128 right, out Int128 result)
    {
        try
        {
            result = checked(left * right);
            return true;
        }
        catch (OverflowException)
        {
            result = 0;
            return false;
        }
    }

    /// <summary>Checked 128-bit addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAdd(Int128 left, Int128 right, out Int128 result)
    {
        result = left + right;

        // Overflow when both operands share a sign that the result does not.
        return ((left ^ result) & (right ^ result)) >= 0;
    }

    /// <summary>Integer division rounding half away from zero. The divisor must not be zero.</summary>
    public static Int128 DivideRounded(Int128 dividend, Int128 divisor)
    {
        var (quotient, remainder) = Int128.DivRem(dividend, divisor);
        var twice = Int128.Abs(remainder) * 2;
        if (twice >= Int128.Abs(divisor))
        {
            quotient += (dividend < 0) == (divisor < 0) ? 1 : -1;
        }

        return quotient;
    }

    /// <summary>
    /// Parses decimal text (<c>[-+]digits[.digits]</c>, ASCII) into an unscaled value at
    /// <paramref name="scale"/>; false when the text is malformed, has more fractional digits than the scale
    /// that are not zeros, or does not fit 255 bits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, int scale, out Int256 unscaled)
    {
        unscaled = Int256.Zero;
        var negative = false;
        var i = 0;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        var digits = 0;
        var fraction = -1;
        var value = Int256.Zero;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            digits++;
            if (fraction >= 0)
            {
                fraction++;
                if (fraction > scale)
                {
                    if (digit != 0)
                    {
                        return false;
                    }

                    continue;
                }
            }

            if (!Int256.TryMultiplyAdd(value, 10, digit, out value))
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        for (var pad = Math.Max(fraction, 0); pad < scale; pad++)
        {
            if (!Int256.TryMultiplyAdd(value, 10, 0, out value))
            {
                return false;
            }
        }

        unscaled = negative ? value.Negate() : value;
        return true;
    }

    /// <summary>Whether a 256-bit unscaled value has at most <paramref name="precision"/> digits.</summary>
    public static bool FitsPrecision(Int256 unscaled, int precision)
    {
        var magnitude = unscaled.IsNegative ? unscaled.Negate() : unscaled;
        if (magnitude.TryToInt128(out var small))
        {
            return FitsPrecision(small, precision);
        }

        // Compare against 10^precision built in 256 bits.
        var limit = new Int256(1, 0, 0, 0);
        for (var i = 0; i < precision; i++)
        {
            if (!Int256.TryMultiplyAdd(limit, 10, 0, out limit))
            {
                return true;
            }
        }

        return magnitude < limit;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[MaxPrecision128 + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
