using System.Runtime.InteropServices;

namespace Monolith.Engine.Rings;

/// <summary>
/// A 64-bit counter alone on its cache lines. Modern x86 prefetchers pull 64-byte lines in adjacent pairs, so
/// the value sits 128 bytes from the start and 120 bytes from the end of the struct: whatever the struct's
/// own alignment, no other field written by another thread can share the 128-byte block that holds it.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct PaddedLong
{
    /// <summary>Total size of the struct in bytes.</summary>
    public const int Size = 256;

    /// <summary>Offset of <see cref="Value"/> from the start of the struct.</summary>
    public const int ValueOffset = 128;

    /// <summary>The counter. Read and written through <see cref="Volatile"/> by its owners.</summary>
    [FieldOffset(ValueOffset)]
    public long Value;
}
