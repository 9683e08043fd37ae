using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Checked 64-bit integer arithmetic over whole vectors. Results are written for every row; a row whose
/// true result does not fit gets its bit set in <c>overflow</c> (the node turns it into NULL and counts it).
/// Addition and subtraction have a Vector256 path that detects overflow lane-wise: for a + b = r, overflow
/// happened when a and b share a sign that r does not, i.e. ((a ^ r) &amp; (b ^ r)) &lt; 0.
/// </summary>
internal static class IntegerKernels
{
    public static void Add(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> result, Span<ulong> overflow,
        bool simd)
    {
        var i = 0;
        if (simd && Vector256.IsHardwareAccelerated)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rr = ref MemoryMarshal.GetReference(result);
            for (; i + 4 <= a.Length; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref ra, (nuint)i);
                var y = Vector256.LoadUnsafe(ref rb, (nuint)i);
                var sum = x + y;
                sum.StoreUnsafe(ref rr, (nuint)i);
                var flags = ((x ^ sum) & (y ^ sum)).ExtractMostSignificantBits();
                if (flags != 0)
                {
                    overflow[i >> 6] |= (ulong)flags << (i & 63);
                }
            }
        }

        for (; i < a.Length; i++)
        {
            var sum = a[i] + b[i];
            result[i] = sum;
            if (((a[i] ^ sum) & (b[i] ^ sum)) < 0)
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void Subtract(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> result,
        Span<ulong> overflow, bool simd)
    {
        var i = 0;
        if (simd && Vector256.IsHardwareAccelerated)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rr = ref MemoryMarshal.GetReference(result);
            for (; i + 4 <= a.Length; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref ra, (nuint)i);
                var y = Vector256.LoadUnsafe(ref rb, (nuint)i);
                var difference = x - y;
                difference.StoreUnsafe(ref rr, (nuint)i);

                // x - y overflows when x and y differ in sign and the result's sign differs from x's.
                var flags = ((x ^ y) & (x ^ difference)).ExtractMostSignificantBits();
                if (flags != 0)
                {
                    overflow[i >> 6] |= (ulong)flags << (i & 63);
                }
            }
        }

        for (; i < a.Length; i++)
        {
            var difference = a[i] - b[i];
            result[i] = difference;
            if (((a[i] ^ b[i]) & (a[i] ^ difference)) < 0)
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void Multiply(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> result, Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var high = Math.BigMul(a[i], b[i], out var low);
            result[i] = low;
            if (high != (low >> 63))
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    /// <summary>Truncating division (DIV); a zero divisor is flagged in <paramref name="zero"/>.</summary>
    public static void Divide(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> result, Span<ulong> overflow,
        Span<ulong> zero)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var divisor = b[i];
            if (divisor == 0)
            {
                result[i] = 0;
                zero[i >> 6] |= 1UL << i;
            }
            else if (divisor == -1)
            {
                result[i] = -a[i];
                if (a[i] == long.MinValue)
                {
                    overflow[i >> 6] |= 1UL << i;
                }
            }
            else
            {
                result[i] = a[i] / divisor;
            }
        }
    }

    /// <summary>Remainder with the dividend's sign (MOD); a zero divisor is flagged in <paramref name="zero"/>.
    /// </summary>
    public static void Remainder(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> result, Span<ulong> zero)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var divisor = b[i];
            if (divisor == 0)
            {
                result[i] = 0;
                zero[i >> 6] |= 1UL << i;
            }
            else
            {
                // x % -1 is 0; computing it would trap for long.MinValue.
                result[i] = divisor == -1 ? 0 : a[i] % divisor;
            }
        }
    }

    public static void Negate(ReadOnlySpan<long> a, Span<long> result, Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = -a[i];
            if (a[i] == long.MinValue)
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void AddUnsigned(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result,
        Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var sum = a[i] + b[i];
            result[i] = sum;
            if (sum < a[i])
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void SubtractUnsigned(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result,
        Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] - b[i];
            if (b[i] > a[i])
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void MultiplyUnsigned(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result,
        Span<ulong> overflow)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var high = Math.BigMul(a[i], b[i], out var low);
            result[i] = low;
            if (high != 0)
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }
    }

    public static void DivideUnsigned(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result,
        Span<ulong> zero, bool remainder)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySet(ReadOnlySpan<ulong> words) => words.IndexOfAnyExcept(0UL) >= 0;
}
