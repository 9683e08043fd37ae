using System.Globalization;
using System.Numerics;

namespace Monolith.Engine.Changes;

/// <summary>
/// A 256-bit two's complement integer laid out as Arrow's Decimal256 stores its unscaled value: four
/// little-endian 64-bit words, least significant first. Only what decimals above 38 digits need: building
/// from smaller integers and decimal text, scaling by ten, comparison, negation and formatting.
/// </summary>
public readonly record struct Int256(ulong W0, ulong W1, ulong W2, ulong W3) : IComparable<Int256>
{
    /// <summary>Zero.</summary>
    public static Int256 Zero => default;

    /// <summary>Whether the value is below zero.</summary>
    public bool IsNegative => (long)W3 < 0;

    /// <summary>Sign-extends a 128-bit integer.</summary>
    public static Int256 FromInt128(Int128 value)
    {
        var high = value < 0 ? ulong.MaxValue : 0UL;
        return new Int256((ulong)(value & ulong.MaxValue), (ulong)(value >> 64), high, high);
    }

    /// <summary>The two's complement negation (wraps only for the minimum value, which decimals never reach).
    /// </summary>
    public Int256 Negate()
    {
        var w0 = ~W0 + 1;
        var carry = w0 == 0 ? 1UL : 0UL;
        var w1 = ~W1 + carry;
        carry = carry == 1 && w1 == 0 ? 1UL : 0UL;
        var w2 = ~W2 + carry;
        carry = carry == 1 && w2 == 0 ? 1UL : 0UL;
        return new Int256(w0, w1, w2, ~W3 + carry);
    }

    /// <summary>The value as a 128-bit integer when it fits.</summary>
    public bool TryToInt128(out Int128 value)
    {
        value = new Int128(W1, W0);
        var extension = (long)W1 < 0 ? ulong.MaxValue : 0UL;
        return W2 == extension && W3 == extension;
    }

    /// <summary>Multiplies a non-negative value by a small factor and adds a small addend; false on overflow
    /// past 255 bits.</summary>
    public static bool TryMultiplyAdd(Int256 value, uint factor, uint addend, out Int256 result)
    {
        var p0 = Math.BigMul(value.W0, factor, out var l0);
        var r0 = l0 + addend;
        var c = (r0 < l0 ? 1UL : 0UL) + p0;
        var p1 = Math.BigMul(value.W1, factor, out var l1);
        var r1 = l1 + c;
        c = (r1 < l1 ? 1UL : 0UL) + p1;
        var p2 = Math.BigMul(value.W2, factor, out var l2);
        var r2 = l2 + c;
        c = (r2 < l2 ? 1UL : 0UL) + p2;
        var p3 = Math.BigMul(value.W3, factor, out var l3);
        var r3 = l3 + c;
        var overflow = p3 != 0 || r3 < l3 || (long)r3 < 0;
        result = new Int256(r0, r1, r2, r3);
        return !overflow;
    }

    /// <inheritdoc/>
    public int CompareTo(Int256 other)
    {
        var sign = ((long)W3).CompareTo((long)other.W3);
        if (sign != 0)
        {
            return sign;
        }

        var c = W2.CompareTo(other.W2);
        if (c != 0)
        {
            return c;
        }

        c = W1.CompareTo(other.W1);
        return c != 0 ? c : W0.CompareTo(other.W0);
    }

    /// <summary>Less than.</summary>
    public static bool operator <(Int256 left, Int256 right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(Int256 left, Int256 right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Int256 left, Int256 right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Int256 left, Int256 right) => left.CompareTo(right) >= 0;

    /// <summary>The value as a <see cref="BigInteger"/> (allocates; for formatting and tests).</summary>
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        BitConverter.TryWriteBytes(bytes, W0);
        BitConverter.TryWriteBytes(bytes[8..], W1);
        BitConverter.TryWriteBytes(bytes[16..], W2);
        BitConverter.TryWriteBytes(bytes[24..], W3);
        return new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
    }

    /// <summary>Decimal digits of the value.</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);
}
