using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// A column of per-group values in power-of-two chunks, written by one writer and read by any number of readers
/// through published snapshots. Publishing hands out the current chunk table and marks every chunk shared; the
/// first write to a shared chunk afterwards copies that chunk (and, once per epoch, the chunk table), so a
/// snapshot never changes under its readers and the writer never waits for them. The cost of a publish is a
/// counter increment; the cost of the next epoch is one chunk copy per chunk it touches.
/// </summary>
/// <typeparam name="T">The value type; reference types work too (the references are copied, not the
/// objects).</typeparam>
internal sealed class CowColumn<T>
{
    public const int ChunkShift = 10;
    public const int ChunkSize = 1 << ChunkShift;
    public const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = [];

    // Epoch in which each chunk was last made private to the writer; a chunk is writable only in that epoch.
    private int[] _owner = [];
    private int _epoch = 1;
    private bool _tableShared;
    private int _allocated;

    /// <summary>Number of values the allocated chunks hold.</summary>
    public int Capacity => _allocated << ChunkShift;

    /// <summary>Bytes held by the chunks, counting references as pointers.</summary>
    public long Bytes => (long)_allocated * ChunkSize * (RuntimeHelpers.IsReferenceOrContainsReferences<T>()
        ? IntPtr.Size
        : Unsafe.SizeOf<T>());

    /// <summary>Makes room for values with indexes below <paramref name="count"/>; new chunks are zeroed.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = (count + ChunkMask) >> ChunkShift;
        if (needed <= _allocated)
        {
            return;
        }

        if (needed > _chunks.Length)
        {
            // A new table is private to the writer; the published one keeps pointing at the same chunks.
            var size = Math.Max(needed, Math.Max(4, _chunks.Length * 2));
            var chunks = new T[size][];
            Array.Copy(_chunks, chunks, _allocated);
            Array.Resize(ref _owner, size);
            _chunks = chunks;
            _tableShared = false;
        }
        else if (_tableShared)
        {
            _chunks = (T[][])_chunks.Clone();
            _tableShared = false;
        }

        for (var i = _allocated; i < needed; i++)
        {
            _chunks[i] = new T[ChunkSize];
            _owner[i] = _epoch;
        }

        _allocated = needed;
    }

    /// <summary>The writer's current value at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get(int index) => _chunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>A writable reference to the value at <paramref name="index"/>, copying its chunk first when a
    /// published snapshot still shares it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Writable(int index)
    {
        var chunk = index >> ChunkShift;
        if (_owner[chunk] != _epoch)
        {
            MakePrivate(chunk);
        }

        return ref _chunks[chunk][index & ChunkMask];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakePrivate(int chunk)
    {
        if (_tableShared)
        {
            _chunks = (T[][])_chunks.Clone();
            _tableShared = false;
        }

        _chunks[chunk] = (T[])_chunks[chunk].Clone();
        _owner[chunk] = _epoch;
    }

    /// <summary>Publishes the first <paramref name="count"/> values as an immutable snapshot and starts a new
    /// epoch.</summary>
    public ColumnSnapshot<T> Publish(int count)
    {
        _tableShared = true;
        _epoch++;
        return new ColumnSnapshot<T>(_chunks, count);
    }
}
