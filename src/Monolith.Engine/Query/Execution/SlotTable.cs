using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution;

/// <summary>Maps composite keys (a fixed number of 64-bit parts) to dense output slots.</summary>
internal sealed class SlotTable
{
    private readonly int _parts;
    private readonly List<long> _keys = [];
    private int[] _index = new int[64];
    private readonly long _limit;

    public SlotTable(int parts, long limit)
    {
        _parts = parts;
        _limit = limit;
    }

    public int Count { get; private set; }

    public long KeyPart(int slot, int part) => _keys[(slot * _parts) + part];

    /// <summary>The slot of <paramref name="key"/>, or -1 when it has none (nothing is added).</summary>
    public int Lookup(ReadOnlySpan<long> key)
    {
        if (_parts == 0)
        {
            return Count > 0 ? 0 : -1;
        }

        var mask = _index.Length - 1;
        var position = (int)(Hash(key) & (ulong)mask);
        while (_index[position] != 0)
        {
            var slot = _index[position] - 1;
            if (Equal(slot, key))
            {
                return slot;
            }

            position = (position + 1) & mask;
        }

        return -1;
    }

    public int Find(ReadOnlySpan<long> key)
    {
        if (_parts == 0)
        {
            if (Count == 0)
            {
                Count = 1;
            }

            return 0;
        }

        var hash = Hash(key);
        var mask = _index.Length - 1;
        var position = (int)(hash & (ulong)mask);
        while (_index[position] != 0)
        {
            var slot = _index[position] - 1;
            if (Equal(slot, key))
            {
                return slot;
            }

            position = (position + 1) & mask;
        }

        if (Count >= _limit)
        {
            throw new QueryException(QueryErrorCode.CapacityExceeded,
                $"the query produces more than {_limit} groups; narrow the time range or the grouping");
        }

        var added = Count++;
        foreach (var part in key)
        {
            _keys.Add(part);
        }

        _index[position] = added + 1;
        if (Count * 2 > _index.Length)
        {
            Grow();
        }

        return added;
    }

    private bool Equal(int slot, ReadOnlySpan<long> key)
    {
        var start = slot * _parts;
        for (var i = 0; i < _parts; i++)
        {
            if (_keys[start + i] != key[i])
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Hash(ReadOnlySpan<long> key)
    {
        ulong hash = 0x9E3779B97F4A7C15;
        foreach (var part in key)
        {
            hash = Hashing.Combine(hash, (ulong)part);
        }

        return Hashing.Mix(hash);
    }

    private void Grow()
    {
        var index = new int[_index.Length * 2];
        var mask = index.Length - 1;
        Span<long> key = stackalloc long[_parts];
        for (var slot = 0; slot < Count; slot++)
        {
            for (var i = 0; i < _parts; i++)
            {
                key[i] = _keys[(slot * _parts) + i];
            }

            var position = (int)(Hash(key) & (ulong)mask);
            while (index[position] != 0)
            {
                position = (position + 1) & mask;
            }

            index[position] = slot + 1;
        }

        _index = index;
    }
}
