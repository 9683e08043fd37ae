using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

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
    public static ulong Combine(ulong hash, ulong value) => BitOperations.RotateLeft(hash ^ (value * Prime1), 27) * Prime2;

    public static ulong Bytes(ReadOnlySpan<byte> bytes)
    {
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
