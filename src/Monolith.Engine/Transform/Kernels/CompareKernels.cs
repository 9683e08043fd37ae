using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Comparison kernels writing one result bit per row. Numbers against a constant and against another
/// column have Vector256 paths (four 64-bit lanes, sixteen steps per result word); decimals of different
/// scales, 256-bit decimals and bytes compare row by row. Rows under NULL get arbitrary bits: the caller's
/// validity decides.
/// </summary>
internal static class CompareKernels
{
    public static void NumberScalar<T, TOp>(ReadOnlySpan<T> values, T constant, Span<ulong> bits, bool simd)
        where T : unmanaged, INumber<T>
        where TOp : struct, IComparisonOperator
    {
        var fullWords = 0;
        if (simd && Vector256.IsHardwareAccelerated && Vector256<T>.Count == 4)
        {
            fullWords = values.Length >> 6;
            var broadcast = Vector256.Create(constant);
            ref var start = ref MemoryMarshal.GetReference(values);
            for (var w = 0; w < fullWords; w++)
            {
                ulong word = 0;
                ref var block = ref Unsafe.Add(ref start, w << 6);
                for (var k = 0; k < 64; k += 4)
                {
                    var lanes = Vector256.LoadUnsafe(ref block, (nuint)k);
                    word |= (ulong)TOp.Test(lanes, broadcast).ExtractMostSignificantBits() << k;
                }

                bits[w] = word;
            }
        }

        // Scalar path: whole words are assembled without branches, then the tail row by row.
        var words = values.Length >> 6;
        for (var w = fullWords; w < words; w++)
        {
            ulong word = 0;
            var block = values.Slice(w << 6, 64);
            for (var k = 0; k < 64; k++)
            {
                word |= (TOp.Test(block[k], constant) ? 1UL : 0UL) << k;
            }

            bits[w] = word;
        }

        for (var i = words << 6; i < values.Length; i++)
        {
            if (TOp.Test(values[i], constant))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void NumberVector<T, TOp>(ReadOnlySpan<T> left, ReadOnlySpan<T> right, Span<ulong> bits, bool simd)
        where T : unmanaged, INumber<T>
        where TOp : struct, IComparisonOperator
    {
        var fullWords = 0;
        if (simd && Vector256.IsHardwareAccelerated && Vector256<T>.Count == 4)
        {
            fullWords = left.Length >> 6;
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right);
            for (var w = 0; w < fullWords; w++)
            {
                ulong word = 0;
                var baseIndex = (nuint)(w << 6);
                for (var k = 0; k < 64; k += 4)
                {
                    var a = Vector256.LoadUnsafe(ref l, baseIndex + (nuint)k);
                    var b = Vector256.LoadUnsafe(ref r, baseIndex + (nuint)k);
                    word |= (ulong)TOp.Test(a, b).ExtractMostSignificantBits() << k;
                }

                bits[w] = word;
            }
        }

        var words = left.Length >> 6;
        for (var w = fullWords; w < words; w++)
        {
            ulong word = 0;
            var a = left.Slice(w << 6, 64);
            var b = right.Slice(w << 6, 64);
            for (var k = 0; k < 64; k++)
            {
                word |= (TOp.Test(a[k], b[k]) ? 1UL : 0UL) << k;
            }

            bits[w] = word;
        }

        for (var i = words << 6; i < left.Length; i++)
        {
            if (TOp.Test(left[i], right[i]))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    /// <summary>Decimals at the same scale compare as 128-bit integers.</summary>
    public static void Int128Scalar<TOp>(ReadOnlySpan<Int128> values, Int128 constant, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < values.Length; i++)
        {
            bits[i >> 6] |= (TOp.FromOrder(values[i].CompareTo(constant)) ? 1UL : 0UL) << i;
        }
    }

    /// <summary>Decimals of any scales: the one with fewer fractional digits is scaled up; when that overflows
    /// 128 bits its magnitude exceeds anything the other holds, so its sign decides.</summary>
    public static void DecimalVector<TOp>(ReadOnlySpan<Int128> left, int leftScale, ReadOnlySpan<Int128> right,
        int rightScale, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (TOp.FromOrder(CompareDecimal(left[i], leftScale, right[i], rightScale)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    public static int CompareDecimal(Int128 left, int leftScale, Int128 right, int rightScale)
    {
        if (leftScale == rightScale)
        {
            return left.CompareTo(right);
        }

        if (leftScale < rightScale)
        {
            return DecimalMath.TryMultiplyPow10(left, rightScale - leftScale, out var scaled)
                ? scaled.CompareTo(right)
                : left.CompareTo(Int128.Zero);
        }

        return DecimalMath.TryMultiplyPow10(right, leftScale - rightScale, out var other)
            ? left.CompareTo(other)
            : -right.CompareTo(Int128.Zero);
    }

    public static void Int256Vector<TOp>(ReadOnlySpan<Int256> left, ReadOnlySpan<Int256> right, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (TOp.FromOrder(left[i].CompareTo(right[i])))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void Int256Scalar<TOp>(ReadOnlySpan<Int256> left, Int256 constant, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (TOp.FromOrder(left[i].CompareTo(constant)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    /// <summary>Byte-wise comparison, as utf8mb4_bin compares text.</summary>
    public static void BytesScalar<TOp>(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> constant, int length, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < length; i++)
        {
            var value = data[offsets[i]..offsets[i + 1]];
            bits[i >> 6] |= (TOp.FromOrder(value.SequenceCompareTo(constant)) ? 1UL : 0UL) << i;
        }
    }

    public static void BytesVector<TOp>(ReadOnlySpan<int> leftOffsets, ReadOnlySpan<byte> leftData,
        ReadOnlySpan<int> rightOffsets, ReadOnlySpan<byte> rightData, int length, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < length; i++)
        {
            var left = leftData[leftOffsets[i]..leftOffsets[i + 1]];
            var right = rightData[rightOffsets[i]..rightOffsets[i + 1]];
            if (TOp.FromOrder(left.SequenceCompareTo(right)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    /// <summary>Booleans compare as 0 and 1, word by word.</summary>
    public static void BooleanVector<TOp>(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, int length,
        Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        for (var i = 0; i < length; i++)
        {
            var a = (int)((left[i >> 6] >> i) & 1);
            var b = (int)((right[i >> 6] >> i) & 1);
            if (TOp.FromOrder(a.CompareTo(b)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }
}
