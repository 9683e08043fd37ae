using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// Deterministic 64-bit hashing for dictionary look-ups and distinct-count sketches: a multiply-rotate mix over
/// eight bytes at a time and the MurmurHash3 finaliser. Deterministic across processes, so sketches built from
/// these hashes stay mergeable after a restart.
/// </summary>
internal static class Hashing
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, ulong value) => BitOperations.RotateLeft(hash ^ (value * Prime1),
        27) * Prime2;

    /// <summary>
    /// Packs up to 16 bytes into two little-endian words with overlapping unaligned reads (no copy, no loop):
    /// byte i lands at bit 8i of <paramref name="low"/> for i &lt; 8 and of <paramref name="high"/> after that.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pack(ReadOnlySpan<byte> bytes, out ulong low, out ulong high)
    {
        var length = bytes.Length;
        ref var first = ref MemoryMarshal.GetReference(bytes);
        high = 0;
        if (length >= 8)
        {
            low = Unsafe.ReadUnaligned<ulong>(ref first);
            if (length > 8)
            {
                high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, length - 8)) >> (8 * (16 - length));
            }
        }
        else if (length >= 4)
        {
            low = Unsafe.ReadUnaligned<uint>(ref first) |
                  ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4)) << (8 * (length - 4)));
        }
        else if (length > 0)
        {
            low = first | ((ulong)Unsafe.Add(ref first, length / 2) << (8 * (length / 2))) |
                  ((ulong)Unsafe.Add(ref first, length - 1) << (8 * (length - 1)));
        }
        else
        {
            low = 0;
        }
    }

    public static ulong Bytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= 16)
        {
            Pack(bytes, out var low, out var high);
            return Mix(Combine(Combine((ulong)bytes.Length * Prime2, low), high));
        }

        var hash = (ulong)bytes.Length * Prime2;
        while (bytes.Length >= 8)
        {
            hash = Combine(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        if (bytes.Length >= 4)
        {
            hash = Combine(hash, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
            bytes = bytes[4..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        return Mix(Combine(hash, tail));
    }
}
