using Apache.Arrow;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Dictionaries;

/// <summary>Decimal values of up to 38 digits keyed by their 128-bit unscaled value at the column's scale.</summary>
internal sealed class DecimalDictionary : DimensionDictionary
{
    private readonly AppendOnlyList<Int128> _keys = new();
    private readonly ColumnType _type;
    private int[] _table = new int[16];

    public DecimalDictionary(ColumnType type)
    {
        _type = type;
        _keys.Add(0);
    }

    public override ColumnType Type => _type;

    public override int Count => _keys.Count;

    public override long Bytes => _keys.Bytes + ((long)_table.Length * sizeof(int));

    public override void Encode(IArrowArray array, Span<int> ids)
    {
        var decimals = (Decimal128Array)array;
        var values = ArrowColumns.Decimal128Values(decimals);
        var noNulls = array.NullCount == 0;
        for (var i = 0; i < values.Length; i++)
        {
            ids[i] = !noNulls && array.IsNull(i) ? 0 : Lookup(values[i]);
        }
    }

    private static ulong Hash(Int128 key) => Hashing.Combine(Hashing.Mix((ulong)key), (ulong)(key >> 64));

    public int Lookup(Int128 key)
    {
        var mask = _table.Length - 1;
        var slot = (int)(Hash(key) & (ulong)mask);
        while (_table[slot] is var id && id != 0)
        {
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
            for (var existing = 1; existing < _keys.Count; existing++)
            {
                var s = (int)(Hash(_keys[existing]) & (ulong)newMask);
                while (table[s] != 0)
                {
                    s = (s + 1) & newMask;
                }

                table[s] = existing;
            }

            _table = table;
        }

        return added;
    }

    public override DictionarySnapshot Publish() => new DecimalDictionarySnapshot(_type, _keys.Publish());

    private sealed class DecimalDictionarySnapshot(ColumnType type, AppendOnlyList<Int128>.Snapshot keys)
        : DictionarySnapshot
    {
        public override ColumnType Type => type;

        public override int Count => keys.Count;

        public override QueryValue GetValue(int id) =>
            id == 0 ? QueryValue.Null : QueryValue.FromDecimal(keys[id], type.Scale);
    }
}
