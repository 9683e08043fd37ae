using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>An immutable view of a <see cref="WideSumColumn"/> as published: low words for every group, high
/// words for the chunks that have them.</summary>
internal readonly struct WideSumSnapshot(ColumnSnapshot<long> low, long[]?[] high)
{
    private readonly long[]?[] _high = high;

    /// <summary>Number of values in the snapshot.</summary>
    public int Count => Low.Count;

    /// <summary>True for a snapshot that was never published.</summary>
    public bool IsEmpty => Low.IsEmpty;

    /// <summary>The low words: the values themselves in chunks without high words.</summary>
    public ColumnSnapshot<long> Low { get; } = low;

    /// <summary>Chunks of groups that carry high words (zero while every sum fits in 64 bits).</summary>
    public int WideChunks
    {
        get
        {
            var wide = 0;
            foreach (var chunk in _high ?? [])
            {
                wide += chunk is null ? 0 : 1;
            }

            return wide;
        }
    }

    /// <summary>The exact sum at <paramref name="index"/>.</summary>
    public Int128 this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var low = Low[index];
            var chunk = index >> CowColumn<long>.ChunkShift;
            var high = _high;
            return (uint)chunk < (uint)high.Length && high[chunk] is { } words
                ? ((Int128)words[index & CowColumn<long>.ChunkMask] << 64) + low
                : low;
        }
    }

    /// <summary>True when chunk <paramref name="chunk"/> holds only 64-bit values, readable from
    /// <see cref="Low"/> directly.</summary>
    public bool IsNarrow(int chunk) => (uint)chunk >= (uint)_high.Length || _high[chunk] is null;
}
