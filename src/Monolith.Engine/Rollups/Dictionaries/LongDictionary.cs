using Apache.Arrow;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Dictionaries;

/// <summary>
/// Values with a 64-bit key form: integers (signed and unsigned), doubles (by their bits), booleans, dates and
/// timestamps (by milliseconds). The column type says how a key reads back.
/// </summary>
internal sealed class LongDictionary : DimensionDictionary
{
    private readonly AppendOnlyList<long> _keys = new();
    private readonly ColumnType _type;
    private int[] _table = new int[16];
    private long[] _scratch = [];
    private int[] _probes = [];

    public LongDictionary(ColumnType type)
    {
        _type = type;
        _keys.Add(0);
    }

    public override ColumnType Type => _type;

    public override int Count => _keys.Count;

    public override long Bytes => _keys.Bytes + ((long)_table.Length * sizeof(int));

    public override void Encode(IArrowArray array, Span<int> ids) => Encode(array, ids, default);

    /// <inheritdoc/>
    /// <remarks>An empty <paramref name="groups"/> encodes every row.</remarks>
    public override void Encode(IArrowArray array, Span<int> ids, ReadOnlySpan<int> groups)
    {
        if (_scratch.Length < array.Length)
        {
            _scratch = new long[Math.Max(array.Length, _scratch.Length * 2)];
            _probes = new int[_scratch.Length];
        }

        var keys = _scratch.AsSpan(0, array.Length);
        ArrowColumns.ReadKeys(array, keys);
        var noNulls = array.NullCount == 0;
        var every = groups.IsEmpty;

        // Two passes: first read every row's home slot, then check the keys those slots name. A look-up of
        // random values waits on two cache misses, the slot and then its key; in separate passes neither load
        // depends on the row before, so the processor overlaps the misses of many rows.
        var probes = _probes.AsSpan(0, keys.Length);
        var table = _table;
        var mask = (ulong)(table.Length - 1);
        for (var i = 0; i < keys.Length; i++)
        {
            probes[i] = table[(int)(Hashing.Mix((ulong)keys[i]) & mask)];
        }

        var lastKey = 0L;
        var lastId = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if ((!noNulls && array.IsNull(i)) || (!every && groups[i] < 0))
            {
                ids[i] = 0;
                continue;
            }

            var key = keys[i];
            if (lastId == 0 || key != lastKey)
            {
                // The home slot's id is right when it holds the key (ids are never reused, so this holds even
                // after a value added in this pass grew the table); anything else takes the full look-up.
                var probe = probes[i];
                lastId = probe != 0 && _keys[probe] == key ? probe : Lookup(key);
                lastKey = key;
            }

            ids[i] = lastId;
        }
    }

    public int Lookup(long key)
    {
        var mask = _table.Length - 1;
        var slot = (int)(Hashing.Mix((ulong)key) & (ulong)mask);
        while (true)
        {
            var id = _table[slot];
            if (id == 0)
            {
                break;
            }

            if (_keys[id] == key)
            {
                return id;
            }

            slot = (slot + 1) & mask;
        }

        var added = _keys.Add(key);
        _table[slot] = added;
        if (_keys.Count * 2 > _table.Length)
        {
            var table = new int[TableSize(_keys.Count)];
            var newMask = table.Length - 1;
            for (var id = 1; id < _keys.Count; id++)
            {
                var s = (int)(Hashing.Mix((ulong)_keys[id]) & (ulong)newMask);
                while (table[s] != 0)
                {
                    s = (s + 1) & newMask;
                }

                table[s] = id;
            }

            _table = table;
        }

        return added;
    }

    public override DictionarySnapshot Publish() => new LongDictionarySnapshot(_type, _keys.Publish());

    /// <summary>Reads a key back as a value of the column's type.</summary>
    public static QueryValue Decode(ColumnType type, long key) => type.Kind switch
    {
        ValueKind.UnsignedLong => QueryValue.FromUnsignedLong((ulong)key),
        ValueKind.Double => QueryValue.FromDouble(BitConverter.Int64BitsToDouble(key)),
        ValueKind.Boolean => QueryValue.FromBoolean(key != 0),
        ValueKind.Timestamp => QueryValue.FromTimestamp(key),
        _ => QueryValue.FromLong(key),
    };

    private sealed class LongDictionarySnapshot(ColumnType type, AppendOnlyList<long>.Snapshot keys)
        : DictionarySnapshot
    {
        public override ColumnType Type => type;

        public override int Count => keys.Count;

        public override QueryValue GetValue(int id) => id == 0 ? QueryValue.Null : Decode(type, keys[id]);
    }
}
