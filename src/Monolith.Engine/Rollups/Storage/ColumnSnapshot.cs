using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>An immutable view of a <see cref="CowColumn{T}"/> as published: chunks that no writer touches
/// again.</summary>
internal readonly struct ColumnSnapshot<T>(T[][] chunks, int count)
{
    /// <summary>Number of values in the snapshot.</summary>
    public int Count { get; } = count;

    /// <summary>True for a snapshot that was never published (a column the rollup does not have).</summary>
    public bool IsEmpty => chunks is null;

    /// <summary>The value at <paramref name="index"/>.</summary>
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => chunks[index >> CowColumn<T>.ChunkShift][index & CowColumn<T>.ChunkMask];
    }

    /// <summary>Number of chunks covering <see cref="Count"/> values.</summary>
    public int ChunkCount => (Count + CowColumn<T>.ChunkMask) >> CowColumn<T>.ChunkShift;

    /// <summary>True when both snapshots hold the very same array for chunk <paramref name="chunk"/>: a writer
    /// copies a chunk before changing it after a publish, so shared chunks hold equal values.</summary>
    public bool SharesChunk(ColumnSnapshot<T> other, int chunk) =>
        chunk < ChunkCount && chunk < other.ChunkCount && ReferenceEquals(chunks[chunk], other.Chunks(chunk)) &&
        Chunk(chunk).Length == other.Chunk(chunk).Length;

    private T[] Chunks(int chunk) => chunks[chunk];

    /// <summary>The values of chunk <paramref name="chunk"/> that lie below <see cref="Count"/>.</summary>
    public ReadOnlySpan<T> Chunk(int chunk)
    {
        var start = chunk << CowColumn<T>.ChunkShift;
        return chunks[chunk].AsSpan(0, Math.Min(CowColumn<T>.ChunkSize, Count - start));
    }
}
