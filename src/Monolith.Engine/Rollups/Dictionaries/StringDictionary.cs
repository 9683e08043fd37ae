using System.Text;
using Apache.Arrow;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Dictionaries;

/// <summary>
/// Text values keyed by their UTF-8 bytes as Arrow holds them: the look-up hashes the bytes in place and
/// compares them with stored bytes, so an existing value costs no allocation. A new value is stored once as
/// bytes (for look-ups) and once as a string (for readers).
/// </summary>
internal sealed class StringDictionary : DimensionDictionary
{
    private readonly List<byte[]> _bytes = [[]];
    private readonly List<uint> _hashes = [0];
    private readonly AppendOnlyList<string?> _values = new();
    private int[] _table = new int[16];
    private long _valueBytes;

    // Short values (up to 15 bytes, most dimension values) are also keyed by their bytes packed into 128 bits,
    // which makes a look-up two word compares instead of hashing and comparing byte spans.
    private Int128[] _shortKeys = new Int128[16];
    private int[] _shortIds = new int[16];
    private int _shortCount;
    private int _shortShift = 60;

    public StringDictionary()
    {
        _values.Add(null);
    }

    public override ColumnType Type => ColumnType.String;

    public override int Count => _values.Count;

    public override long Bytes => _valueBytes + _values.Bytes + ((long)_table.Length * sizeof(int)) +
                                  ((long)_shortKeys.Length * 20) +
                                  ((long)_hashes.Count * (sizeof(uint) + IntPtr.Size + 24));

    public override void Encode(IArrowArray array, Span<int> ids) => Encode(array, ids, default);

    /// <inheritdoc/>
    /// <remarks>An empty <paramref name="groups"/> encodes every row.</remarks>
    public override void Encode(IArrowArray array, Span<int> ids, ReadOnlySpan<int> groups)
    {
        var strings = (StringArray)array;
        var offsets = strings.ValueOffsets;
        var data = strings.Values;
        var noNulls = strings.NullCount == 0;
        var every = groups.IsEmpty;
        var lastKey = Int128.Zero;
        var lastId = 0;
        for (var i = 0; i < strings.Length; i++)
        {
            if ((!noNulls && strings.IsNull(i)) || (!every && groups[i] < 0))
            {
                ids[i] = 0;
                continue;
            }

            var start = offsets[i];
            var bytes = data.Slice(start, offsets[i + 1] - start);
            if (bytes.Length > 15)
            {
                ids[i] = Lookup(bytes);
                continue;
            }

            var key = Pack(bytes);
            if (key != lastKey || lastId == 0)
            {
                lastId = LookupShort(key, bytes);
                lastKey = key;
            }

            ids[i] = lastId;
        }
    }

    /// <summary>Packs up to 15 bytes and the length into 128 bits; distinct values get distinct keys.</summary>
    private static Int128 Pack(ReadOnlySpan<byte> bytes)
    {
        Hashing.Pack(bytes, out var low, out var high);
        return new Int128(high | ((ulong)(bytes.Length + 1) << 56), low);
    }

    /// <summary>Fibonacci hashing: one multiply, the top bits pick the slot.</summary>
    private static int ShortSlot(Int128 key, int shift) =>
        (int)((((ulong)key * 0x9E3779B97F4A7C15UL) ^ ((ulong)(key >> 64) * 0xC2B2AE3D27D4EB4FUL)) >> shift);

    private int LookupShort(Int128 key, ReadOnlySpan<byte> bytes)
    {
        var mask = _shortKeys.Length - 1;
        var slot = ShortSlot(key, _shortShift);
        while (_shortIds[slot] != 0)
        {
            if (_shortKeys[slot] == key)
            {
                return _shortIds[slot];
            }

            slot = (slot + 1) & mask;
        }

        var id = Lookup(bytes);
        _shortKeys[slot] = key;
        _shortIds[slot] = id;
        if (++_shortCount * 2 > _shortKeys.Length)
        {
            GrowShort();
        }

        return id;
    }

    private void GrowShort()
    {
        var keys = _shortKeys;
        var ids = _shortIds;
        _shortKeys = new Int128[keys.Length * 2];
        _shortIds = new int[keys.Length * 2];
        _shortShift--;
        var mask = _shortKeys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (ids[i] == 0)
            {
                continue;
            }

            var slot = ShortSlot(keys[i], _shortShift);
            while (_shortIds[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _shortKeys[slot] = keys[i];
            _shortIds[slot] = ids[i];
        }
    }

    /// <summary>The id of a UTF-8 value, adding it when new.</summary>
    public int Lookup(ReadOnlySpan<byte> bytes)
    {
        var hash = (uint)Hashing.Bytes(bytes);
        var mask = _table.Length - 1;
        var slot = (int)(hash & mask);
        while (true)
        {
            var id = _table[slot];
            if (id == 0)
            {
                break;
            }

            if (_hashes[id] == hash && bytes.SequenceEqual(_bytes[id]))
            {
                return id;
            }

            slot = (slot + 1) & mask;
        }

        return Add(bytes, hash, slot);
    }

    private int Add(ReadOnlySpan<byte> bytes, uint hash, int slot)
    {
        var copy = bytes.ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        var id = _values.Add(text);
        _bytes.Add(copy);
        _hashes.Add(hash);
        _valueBytes += copy.Length + (text.Length * 2L);
        _table[slot] = id;
        if (_values.Count * 2 > _table.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        var table = new int[TableSize(_values.Count)];
        var mask = table.Length - 1;
        for (var id = 1; id < _values.Count; id++)
        {
            var slot = (int)(_hashes[id] & mask);
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = id;
        }

        _table = table;
    }

    public override DictionarySnapshot Publish() => new StringDictionarySnapshot(_values.Publish());

    private sealed class StringDictionarySnapshot(AppendOnlyList<string?>.Snapshot values) : DictionarySnapshot
    {
        public override ColumnType Type => ColumnType.String;

        public override int Count => values.Count;

        public override QueryValue GetValue(int id) =>
            values[id] is { } text ? QueryValue.FromString(text) : QueryValue.Null;
    }
}
