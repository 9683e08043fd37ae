using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Exact DECIMAL arithmetic on 128-bit unscaled values with MySQL's scale rules: addition and subtraction
/// at the larger scale, multiplication at the sum of the scales, division at the dividend's scale plus four
/// (div_precision_increment) rounded half away from zero. A result beyond the result precision (at most
/// 38 digits) is flagged as overflow.
/// </summary>
internal static class DecimalKernels
{
    public static void AddOrSubtract(ReadOnlySpan<Int128> a, int aScale, ReadOnlySpan<Int128> b, int bScale,
        bool subtract, int scale, int precision, Span<Int128> result, Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!DecimalMath.TryRescaleExact(a[i], aScale, scale, out var x)
                || !DecimalMath.TryRescaleExact(b[i], bScale, scale, out var y)
                || !DecimalMath.TryAdd(x, subtract ? -y : y, out var sum)
                || !DecimalMath.FitsPrecision(sum, precision))
            {
                result[i] = 0;
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            result[i] = sum;
        }
    }

    public static void Multiply(ReadOnlySpan<Int128> a, int aScale, ReadOnlySpan<Int128> b, int bScale, int scale,
        int precision, Span<Int128> result, Span<ulong> overflow)
    {
        var productScale = aScale + bScale;
        for (var i = 0; i < a.Length; i++)
        {
            if (!DecimalMath.TryMultiply(a[i], b[i], out var product)
                || !DecimalMath.TryRescaleRounded(product, productScale, scale, out var scaled)
                || !DecimalMath.FitsPrecision(scaled, precision))
            {
                result[i] = 0;
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            result[i] = scaled;
        }
    }

    /// <summary>a / b at <paramref name="scale"/>: (a * 10^(scale - aScale + bScale)) / b, rounded.</summary>
    public static void Divide(ReadOnlySpan<Int128> a, int aScale, ReadOnlySpan<Int128> b, int bScale, int scale,
        int precision, Span<Int128> result, Span<ulong> overflow, Span<ulong> zero)
    {
        var shift = scale - aScale + bScale;
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = 0;
            if (b[i] == 0)
            {
                zero[i >> 6] |= 1UL << i;
                continue;
            }

            Int128 quotient;
            if (shift >= 0)
            {
                if (!DecimalMath.TryMultiplyPow10(a[i], shift, out var dividend))
                {
                    overflow[i >> 6] |= 1UL << i;
                    continue;
                }

                quotient = DecimalMath.DivideRounded(dividend, b[i]);
            }
            else if (!DecimalMath.TryMultiplyPow10(b[i], -shift, out var divisor))
            {
                // The divisor's magnitude exceeds 10^38, so the quotient rounds to zero.
                quotient = 0;
            }
            else
            {
                quotient = DecimalMath.DivideRounded(a[i], divisor);
            }

            if (!DecimalMath.FitsPrecision(quotient, precision))
            {
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            result[i] = quotient;
        }
    }

    /// <summary>Remainder at the larger scale, with the dividend's sign.</summary>
    public static void Remainder(ReadOnlySpan<Int128> a, int aScale, ReadOnlySpan<Int128> b, int bScale, int scale,
        Span<Int128> result, Span<ulong> overflow, Span<ulong> zero)
    {
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = 0;
            if (b[i] == 0)
            {
                zero[i >> 6] |= 1UL << i;
                continue;
            }

            if (!DecimalMath.TryRescaleExact(a[i], aScale, scale, out var x)
                || !DecimalMath.TryRescaleExact(b[i], bScale, scale, out var y))
            {
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            result[i] = x % y;
        }
    }

    /// <summary>a DIV b: the quotient truncated toward zero, as a BIGINT.</summary>
    public static void IntegerDivide(ReadOnlySpan<Int128> a, int aScale, ReadOnlySpan<Int128> b, int bScale,
        Span<long> result, Span<ulong> overflow, Span<ulong> zero)
    {
        var scale = Math.Max(aScale, bScale);
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = 0;
            if (b[i] == 0)
            {
                zero[i >> 6] |= 1UL << i;
                continue;
            }

            if (!DecimalMath.TryRescaleExact(a[i], aScale, scale, out var x)
                || !DecimalMath.TryRescaleExact(b[i], bScale, scale, out var y))
            {
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            var quotient = x / y;
            if (quotient > long.MaxValue || quotient < long.MinValue)
            {
                overflow[i >> 6] |= 1UL << i;
                continue;
            }

            result[i] = (long)quotient;
        }
    }

    public static void Negate(ReadOnlySpan<Int128> a, Span<Int128> result)
    {
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = -a[i];
        }
    }
}
