using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// A writer-only arena of small multisets (value and signed count per entry) for MIN and MAX: blocks of 2 to
/// <see cref="MaxBlock"/> entries carved from large shared chunks, with a free list per size, instead of a map
/// object per group. A block costs 12 bytes an entry for 64-bit values (20 for 128-bit) and nothing else; no
/// reader ever sees it, so a freed block is reused at once.
/// </summary>
internal sealed class ValueBlocks<TKey>
    where TKey : unmanaged
{
    /// <summary>Most entries of a block; a multiset that outgrows it moves to a hash map.</summary>
    public const int MaxBlock = 32;

    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;
    private const int Classes = 5;

    private readonly Stack<int>[] _free = new Stack<int>[Classes];
    private TKey[][] _keys = [];
    private int[][] _counts = [];
    private int _chunks;
    private int _used = ChunkSize;

    public ValueBlocks()
    {
        for (var c = 0; c < Classes; c++)
        {
            _free[c] = new Stack<int>();
        }
    }

    /// <summary>Bytes of the chunks and free lists.</summary>
    public long Bytes
    {
        get
        {
            long bytes = (long)_chunks * ChunkSize * (Unsafe.SizeOf<TKey>() + sizeof(int));
            foreach (var free in _free)
            {
                bytes += (long)free.Count * sizeof(int);
            }

            return bytes;
        }
    }

    /// <summary>Entries of a block of size class <paramref name="sizeClass"/>: 2, 4, 8, 16 or 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Capacity(int sizeClass) => 2 << sizeClass;

    /// <summary>A block of size class <paramref name="sizeClass"/>; its contents are undefined.</summary>
    public int Allocate(int sizeClass)
    {
        if (_free[sizeClass].TryPop(out var reused))
        {
            return reused;
        }

        var capacity = Capacity(sizeClass);
        if (_used + capacity > ChunkSize)
        {
            // The few entries left at the end of a chunk go to the free lists of smaller blocks.
            for (var c = sizeClass - 1; c >= 0; c--)
            {
                while (_used + Capacity(c) <= ChunkSize)
                {
                    _free[c].Push(((_chunks - 1) << ChunkShift) + _used);
                    _used += Capacity(c);
                }
            }

            if (_chunks == _keys.Length)
            {
                Array.Resize(ref _keys, Math.Max(4, _chunks * 2));
                Array.Resize(ref _counts, Math.Max(4, _chunks * 2));
            }

            _keys[_chunks] = new TKey[ChunkSize];
            _counts[_chunks] = new int[ChunkSize];
            _chunks++;
            _used = 0;
        }

        var block = ((_chunks - 1) << ChunkShift) + _used;
        _used += capacity;
        return block;
    }

    /// <summary>Returns a block to its free list.</summary>
    public void Free(int block, int sizeClass) => _free[sizeClass].Push(block);

    /// <summary>The values of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<TKey> Keys(int block, int sizeClass) =>
        _keys[block >> ChunkShift].AsSpan(block & (ChunkSize - 1), Capacity(sizeClass));

    /// <summary>The counts of a block, aligned with <see cref="Keys"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<int> Counts(int block, int sizeClass) =>
        _counts[block >> ChunkShift].AsSpan(block & (ChunkSize - 1), Capacity(sizeClass));
}
