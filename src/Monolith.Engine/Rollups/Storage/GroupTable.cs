using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// The group index of a rollup: one group per (time bucket, dimension ids). Keys and row counts live in
/// copy-on-write columns that versions publish; the hash index from key to group is the writer's alone (readers
/// scan the columns and never look keys up). Groups whose row count returns to zero stay indexed, so that the
/// common delete-then-insert of an UPDATE reuses them, until enough of them pile up to compact the index and
/// put their slots on a free list.
/// <para>
/// Memory: the index is an open-addressing table of group numbers (4 bytes a slot, at most half full), and a
/// bit per group marks the slots on the free list. Keys are not copied for the writer and hashes are not
/// stored: a probe compares the key against the writer's view of the published key columns, and rebuilding
/// the index recomputes each hash from them. A group thus costs its key columns, its row count and 8 to 16
/// bytes of index.
/// </para>
/// </summary>
internal sealed class GroupTable
{
    private readonly int _dimensionCount;
    private readonly Stack<int> _free = new();
    private readonly List<int> _emptied = [];
    private int[] _index = new int[1024];
    private ulong[] _unused = new ulong[16];
    private int _indexed;

    public GroupTable(int dimensionCount)
    {
        _dimensionCount = dimensionCount;
        Dimensions = new CowColumn<int>[dimensionCount];
        for (var d = 0; d < dimensionCount; d++)
        {
            Dimensions[d] = new CowColumn<int>();
        }
    }

    public CowColumn<long> Time { get; } = new();

    public CowColumn<int>[] Dimensions { get; }

    /// <summary>
    /// A zone map: per chunk of <see cref="CowColumn{T}.ChunkSize"/> groups, the earliest and latest bucket of any
    /// group ever placed in it (widened, never narrowed). Groups arrive roughly in time order, so a query over a
    /// time range skips most chunks without looking at their groups.
    /// </summary>
    public CowColumn<long> ChunkFirstBucket { get; } = new();

    /// <inheritdoc cref="ChunkFirstBucket"/>
    public CowColumn<long> ChunkLastBucket { get; } = new();

    /// <summary>Number of zone-map entries: chunks holding groups.</summary>
    public int ChunkCount => (Count + CowColumn<long>.ChunkMask) >> CowColumn<long>.ChunkShift;

    /// <summary>Per group, the sum of the weights applied: the number of source rows in the group.</summary>
    public CowColumn<long> RowCounts { get; } = new();

    /// <summary>Group slots handed out so far (live, empty or free).</summary>
    public int Count { get; private set; }

    /// <summary>Indexed groups whose row count is zero.</summary>
    public int EmptyCount { get; private set; }

    /// <summary>Bytes of the writer's hash index and per-group bookkeeping.</summary>
    public long IndexBytes => ((long)_index.Length * sizeof(int)) + ((long)_unused.Length * sizeof(ulong))
                              + ((long)_free.Count * sizeof(int));

    /// <summary>Groups that emptied since the last call, for the caller to reset their metric state.</summary>
    public List<int> Emptied => _emptied;

    /// <summary>
    /// Finds or creates the group of every row whose group is not preset to -1, and adds the row's weight to
    /// the group's row count.
    /// </summary>
    public void Resolve(ReadOnlySpan<long> times, int[][] ids, ReadOnlySpan<sbyte> weights, Span<int> groups)
    {
        if (_dimensionCount == 1)
        {
            ResolveOneDimension(times, ids, weights, groups);
            return;
        }

        if (_dimensionCount == 2)
        {
            ResolveTwoDimensions(times, ids, weights, groups);
            return;
        }

        var lastGroup = -1;
        var lastRow = -1;
        for (var row = 0; row < groups.Length; row++)
        {
            if (groups[row] < 0)
            {
                continue;
            }

            var time = times[row];
            int group;
            var created = false;
            if (lastGroup >= 0 && SameKey(times, ids, row, lastRow))
            {
                group = lastGroup;
            }
            else
            {
                group = FindOrAdd(time, ids, row, out created);
            }

            groups[row] = group;
            lastGroup = group;
            lastRow = row;
            AddWeight(group, weights[row], created);
        }
    }

    /// <summary>The common shape (time and one dimension) without the general loops over dimensions.</summary>
    private void ResolveOneDimension(ReadOnlySpan<long> times, int[][] ids, ReadOnlySpan<sbyte> weights,
        Span<int> groups)
    {
        var dimension = ids[0];
        var lastTime = long.MinValue;
        var lastId = -1;
        var lastGroup = -1;
        for (var row = 0; row < groups.Length; row++)
        {
            if (groups[row] < 0)
            {
                continue;
            }

            var time = times[row];
            var id = dimension[row];
            var created = false;
            if (time != lastTime || id != lastId)
            {
                lastGroup = FindOneDimension(time, id, ids, row, out created);
                lastTime = time;
                lastId = id;
            }

            groups[row] = lastGroup;
            AddWeight(lastGroup, weights[row], created);
        }
    }

    private int FindOneDimension(long time, int id, int[][] ids, int row, out bool created)
    {
        var mask = _index.Length - 1;
        var slot = (int)(Hash(time, id) & (ulong)mask);
        var dimension = Dimensions[0];
        for (var entry = _index[slot]; entry != 0; entry = _index[slot])
        {
            var group = entry - 1;
            if (Time.Get(group) == time && dimension.Get(group) == id)
            {
                created = false;
                return group;
            }

            slot = (slot + 1) & mask;
        }

        created = true;
        return Add(time, ids, row, slot);
    }

    /// <summary>Time and two dimensions (such as country and currency) without the general loops over
    /// dimensions.</summary>
    private void ResolveTwoDimensions(ReadOnlySpan<long> times, int[][] ids, ReadOnlySpan<sbyte> weights,
        Span<int> groups)
    {
        var first = ids[0].AsSpan(0, groups.Length);
        var second = ids[1].AsSpan(0, groups.Length);
        var lastTime = long.MinValue;
        var lastFirst = -1;
        var lastSecond = -1;
        var lastGroup = -1;
        for (var row = 0; row < groups.Length; row++)
        {
            if (groups[row] < 0)
            {
                continue;
            }

            var time = times[row];
            var a = first[row];
            var b = second[row];
            var created = false;
            if (time != lastTime || a != lastFirst || b != lastSecond)
            {
                lastGroup = FindTwoDimensions(time, a, b, ids, row, out created);
                lastTime = time;
                lastFirst = a;
                lastSecond = b;
            }

            groups[row] = lastGroup;
            AddWeight(lastGroup, weights[row], created);
        }
    }

    private int FindTwoDimensions(long time, int a, int b, int[][] ids, int row, out bool created)
    {
        var mask = _index.Length - 1;
        var slot = (int)(Hash(time, a, b) & (ulong)mask);
        var first = Dimensions[0];
        var second = Dimensions[1];
        for (var entry = _index[slot]; entry != 0; entry = _index[slot])
        {
            var group = entry - 1;
            if (Time.Get(group) == time && first.Get(group) == a && second.Get(group) == b)
            {
                created = false;
                return group;
            }

            slot = (slot + 1) & mask;
        }

        created = true;
        return Add(time, ids, row, slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddWeight(int group, sbyte weight, bool created)
    {
        ref var count = ref RowCounts.Writable(group);
        var before = count;
        count += weight;
        if (count == 0)
        {
            EmptyCount++;
            _emptied.Add(group);
        }
        else if (before == 0 && !created)
        {
            EmptyCount--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SameKey(ReadOnlySpan<long> times, int[][] ids, int row, int other)
    {
        if (times[row] != times[other])
        {
            return false;
        }

        for (var d = 0; d < _dimensionCount; d++)
        {
            if (ids[d][row] != ids[d][other])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Multiply-xor hashing of the key: cheap, and the final shift brings high bits to the low ones that
    /// pick the slot. Rows and stored groups hash alike (<see cref="HashOfGroup"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Hash(long time, int[][] ids, int row)
    {
        var hash = (ulong)time * 0x9E3779B97F4A7C15UL;
        for (var d = 0; d < _dimensionCount; d++)
        {
            hash = (hash ^ (uint)ids[d][row]) * 0xC2B2AE3D27D4EB4FUL;
        }

        return hash ^ (hash >> 29);
    }

    /// <summary><see cref="Hash(long, int[][], int)"/> for a key of one dimension.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(long time, int id)
    {
        var hash = (((ulong)time * 0x9E3779B97F4A7C15UL) ^ (uint)id) * 0xC2B2AE3D27D4EB4FUL;
        return hash ^ (hash >> 29);
    }

    /// <summary><see cref="Hash(long, int[][], int)"/> for a key of two dimensions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(long time, int a, int b)
    {
        var hash = (((((ulong)time * 0x9E3779B97F4A7C15UL) ^ (uint)a) * 0xC2B2AE3D27D4EB4FUL) ^ (uint)b)
                   * 0xC2B2AE3D27D4EB4FUL;
        return hash ^ (hash >> 29);
    }

    private ulong HashOfGroup(int group)
    {
        var hash = (ulong)Time.Get(group) * 0x9E3779B97F4A7C15UL;
        for (var d = 0; d < _dimensionCount; d++)
        {
            hash = (hash ^ (uint)Dimensions[d].Get(group)) * 0xC2B2AE3D27D4EB4FUL;
        }

        return hash ^ (hash >> 29);
    }

    private bool Matches(int group, long time, int[][] ids, int row)
    {
        if (Time.Get(group) != time)
        {
            return false;
        }

        for (var d = 0; d < _dimensionCount; d++)
        {
            if (Dimensions[d].Get(group) != ids[d][row])
            {
                return false;
            }
        }

        return true;
    }

    private int FindOrAdd(long time, int[][] ids, int row, out bool created)
    {
        var mask = _index.Length - 1;
        var slot = (int)(Hash(time, ids, row) & (ulong)mask);
        while (true)
        {
            var entry = _index[slot];
            if (entry == 0)
            {
                break;
            }

            var group = entry - 1;
            if (Matches(group, time, ids, row))
            {
                created = false;
                return group;
            }

            slot = (slot + 1) & mask;
        }

        created = true;
        return Add(time, ids, row, slot);
    }

    /// <summary>Creates the group of row <paramref name="row"/>'s key in the empty index slot
    /// <paramref name="slot"/> where its probe ended.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Add(long time, int[][] ids, int row, int slot)
    {
        var added = Allocate();
        Time.Writable(added) = time;
        var chunk = added >> CowColumn<long>.ChunkShift;
        if (time < ChunkFirstBucket.Get(chunk))
        {
            ChunkFirstBucket.Writable(chunk) = time;
        }

        if (time > ChunkLastBucket.Get(chunk))
        {
            ChunkLastBucket.Writable(chunk) = time;
        }

        for (var d = 0; d < _dimensionCount; d++)
        {
            Dimensions[d].Writable(added) = ids[d][row];
        }

        _index[slot] = added + 1;
        _indexed++;
        if (_indexed * 2 > _index.Length)
        {
            Rebuild(_index.Length * 2, dropEmpty: false);
        }

        return added;
    }

    private bool IsUnused(int group) => (_unused[group >> 6] & (1UL << group)) != 0;

    private int Allocate()
    {
        if (_free.TryPop(out var reused))
        {
            _unused[reused >> 6] &= ~(1UL << reused);
            return reused;
        }

        var group = Count++;
        if ((group >> 6) >= _unused.Length)
        {
            System.Array.Resize(ref _unused, _unused.Length * 2);
        }

        Time.EnsureCapacity(Count);
        RowCounts.EnsureCapacity(Count);
        if ((group & CowColumn<long>.ChunkMask) == 0)
        {
            // The first group of a new chunk opens its zone-map entry, empty until the group's bucket widens it.
            var chunk = group >> CowColumn<long>.ChunkShift;
            ChunkFirstBucket.EnsureCapacity(chunk + 1);
            ChunkLastBucket.EnsureCapacity(chunk + 1);
            ChunkFirstBucket.Writable(chunk) = long.MaxValue;
            ChunkLastBucket.Writable(chunk) = long.MinValue;
        }

        foreach (var dimension in Dimensions)
        {
            dimension.EnsureCapacity(Count);
        }

        return group;
    }

    /// <summary>
    /// Removes empty groups from the index and puts their slots on the free list when they make up a quarter
    /// of the index (and at least <paramref name="minimum"/>); returns the slots freed.
    /// </summary>
    public int CompactIfWorthwhile(int minimum = 1024)
    {
        if (EmptyCount < minimum || EmptyCount * 4 < _indexed)
        {
            return 0;
        }

        return Rebuild(_index.Length, dropEmpty: true);
    }

    /// <summary>Empties every group whose bucket starts before <paramref name="cutoff"/>; returns them.</summary>
    public List<int> EmptyBefore(long cutoff)
    {
        var dropped = new List<int>();
        for (var group = 0; group < Count; group++)
        {
            if (IsUnused(group) || Time.Get(group) >= cutoff)
            {
                continue;
            }

            if (RowCounts.Get(group) != 0)
            {
                RowCounts.Writable(group) = 0;
                EmptyCount++;
            }

            dropped.Add(group);
        }

        return dropped;
    }

    private int Rebuild(int size, bool dropEmpty)
    {
        var index = new int[size];
        var mask = size - 1;
        var freed = 0;
        _indexed = 0;
        for (var group = 0; group < Count; group++)
        {
            if (IsUnused(group))
            {
                continue;
            }

            if (dropEmpty && RowCounts.Get(group) == 0)
            {
                _unused[group >> 6] |= 1UL << group;
                _free.Push(group);
                freed++;
                continue;
            }

            var slot = (int)(HashOfGroup(group) & (ulong)mask);
            while (index[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            index[slot] = group + 1;
            _indexed++;
        }

        if (dropEmpty)
        {
            EmptyCount = 0;
        }

        _index = index;
        return freed;
    }
}
