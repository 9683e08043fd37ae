using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>
/// Word-wise operations on bitmaps (validity and Boolean values), with a Vector256 path where the hardware
/// accelerates it and a scalar path beside it that the tests compare against.
/// </summary>
internal static class Bitmaps
{
    /// <summary><c>destination = a AND b</c> over whole words.</summary>
    public static void And(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination, bool simd)
    {
        var i = 0;
        if (simd && Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<ulong>.Count <= destination.Length; i += Vector256<ulong>.Count)
            {
                (Vector256.Create(a[i..]) & Vector256.Create(b[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = a[i] & b[i];
        }
    }

    /// <summary><c>destination = a OR b</c> over whole words.</summary>
    public static void Or(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination, bool simd)
    {
        var i = 0;
        if (simd && Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<ulong>.Count <= destination.Length; i += Vector256<ulong>.Count)
            {
                (Vector256.Create(a[i..]) | Vector256.Create(b[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = a[i] | b[i];
        }
    }

    /// <summary><c>destination &amp;= source</c>, where an empty source means all ones.</summary>
    public static void AndInPlace(Span<ulong> destination, ReadOnlySpan<ulong> source, bool simd)
    {
        if (!source.IsEmpty)
        {
            And(destination, source, destination, simd);
        }
    }

    /// <summary>Number of set bits.</summary>
    public static int PopCount(ReadOnlySpan<ulong> words)
    {
        var count = 0;
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<ulong> words, int index) => (words[index >> 6] & (1UL << index)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<ulong> words, int index) => words[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<ulong> words, int index) => words[index >> 6] &= ~(1UL << index);

    /// <summary>Copies Arrow's byte-aligned bitmap (with a bit offset) into words, zeroing the tail.</summary>
    public static void FromArrow(ReadOnlySpan<byte> source, int bitOffset, int length, Span<ulong> destination)
    {
        destination.Clear();
        if ((bitOffset & 7) == 0)
        {
            var bytes = (length + 7) >> 3;
            source.Slice(bitOffset >> 3, bytes).CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                var bit = bitOffset + i;
                if ((source[bit >> 3] & (1 << (bit & 7))) != 0)
                {
                    destination[i >> 6] |= 1UL << i;
                }
            }
        }

        if ((length & 63) != 0)
        {
            destination[(length - 1) >> 6] &= (1UL << (length & 63)) - 1;
        }
    }
}
