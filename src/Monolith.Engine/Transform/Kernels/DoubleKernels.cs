using System.Numerics.Tensors;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Double arithmetic. Addition, subtraction and multiplication go through
/// <see cref="TensorPrimitives"/> (vectorised) or a scalar loop; division and remainder flag zero divisors,
/// which MySQL answers with NULL.
/// </summary>
internal static class DoubleKernels
{
    public static void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, bool simd)
    {
        if (simd)
        {
            TensorPrimitives.Add(a, b, result);
            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] + b[i];
        }
    }

    public static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, bool simd)
    {
        if (simd)
        {
            TensorPrimitives.Subtract(a, b, result);
            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] - b[i];
        }
    }

    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, bool simd)
    {
        if (simd)
        {
            TensorPrimitives.Multiply(a, b, result);
            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] * b[i];
        }
    }

    public static void Divide(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, Span<ulong> zero,
        bool remainder)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (b[i] == 0)
            {
                result[i] = 0;
                zero[i >> 6] |= 1UL << i;
            }
            else
            {
                result[i] = remainder ? a[i] % b[i] : a[i] / b[i];
            }
        }
    }

    /// <summary>Flags results that are infinite or NaN: MySQL reports them as out of range.</summary>
    public static void FlagNonFinite(ReadOnlySpan<double> values, Span<ulong> overflow)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }
}
