using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// A list the writer only appends to, in fixed chunks that never move, so a reader holding a snapshot (chunk
/// table and count) reads entries below its count while the writer appends beyond it. Growing the chunk table
/// makes a new table; old snapshots keep the old one, which still points at the same chunks.
/// </summary>
internal sealed class AppendOnlyList<T>
{
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = new T[4][];

    public int Count { get; private set; }

    public long Bytes
    {
        get
        {
            long chunks = (Count + ChunkMask) >> ChunkShift;
            var size = RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? IntPtr.Size : Unsafe.SizeOf<T>();
            return (chunks * ChunkSize * size) + ((long)_chunks.Length * IntPtr.Size);
        }
    }

    public T this[int index] => _chunks[index >> ChunkShift][index & ChunkMask];

    public int Add(T value)
    {
        var index = Count;
        var chunk = index >> ChunkShift;
        if (chunk == _chunks.Length)
        {
            var table = new T[_chunks.Length * 2][];
            Array.Copy(_chunks, table, _chunks.Length);
            _chunks = table;
        }

        _chunks[chunk] ??= new T[ChunkSize];
        _chunks[chunk][index & ChunkMask] = value;
        Count = index + 1;
        return index;
    }

    public Snapshot Publish() => new(_chunks, Count);

    /// <summary>An immutable prefix of the list.</summary>
    internal readonly struct Snapshot(T[][] chunks, int count)
    {
        public int Count { get; } = count;

        public T this[int index] => chunks[index >> ChunkShift][index & ChunkMask];
    }
}
