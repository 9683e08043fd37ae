using System.Numerics;
using System.Runtime.CompilerServices;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Sketches;

/// <summary>
/// A small open-addressing multiset: key to signed count, with entries removed when their count returns to
/// zero (backward-shift deletion keeps probe chains short without tombstones). Used per group for exact
/// COUNT(DISTINCT) (dictionary id to count), MIN/MAX (value to count), the exact stage of APPROX_COUNT_DISTINCT
/// (hash to count) and quantile sketch buckets (bucket index to count).
/// <para>
/// Maps that readers can see are copy-on-write: <see cref="Epoch"/> records the writer epoch that owns the map,
/// and the writer clones a map from an earlier epoch before changing it.
/// </para>
/// </summary>
internal sealed class CountMap<TKey>
    where TKey : unmanaged, IEquatable<TKey>
{
    private TKey[] _keys;
    private long[] _counts;

    public CountMap(int capacity = 4)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity * 2));
        _keys = new TKey[size];
        _counts = new long[size];
    }

    private CountMap(CountMap<TKey> source)
    {
        _keys = (TKey[])source._keys.Clone();
        _counts = (long[])source._counts.Clone();
        Count = source.Count;
        Total = source.Total;
    }

    /// <summary>The writer epoch that may change this map in place.</summary>
    public int Epoch { get; set; }

    /// <summary>Keys present (with a non-zero count).</summary>
    public int Count { get; private set; }

    /// <summary>Sum of all counts.</summary>
    public long Total { get; private set; }

    /// <summary>Bytes of the map's arrays.</summary>
    public long Bytes => ((long)_keys.Length * Unsafe.SizeOf<TKey>()) + ((long)_counts.Length * sizeof(long)) + 48;

    public CountMap<TKey> Clone() => new(this);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(TKey key)
    {
        if (typeof(TKey) == typeof(int))
        {
            return (int)Hashing.Mix((uint)Unsafe.As<TKey, int>(ref key));
        }

        if (typeof(TKey) == typeof(long))
        {
            return (int)Hashing.Mix((ulong)Unsafe.As<TKey, long>(ref key));
        }

        if (typeof(TKey) == typeof(Int128))
        {
            var value = Unsafe.As<TKey, Int128>(ref key);
            return (int)Hashing.Combine(Hashing.Mix((ulong)value), (ulong)(value >> 64));
        }

        return key.GetHashCode();
    }

    /// <summary>The count of a key, 0 when absent.</summary>
    public long Get(TKey key)
    {
        var mask = _keys.Length - 1;
        for (var slot = Hash(key) & mask; _counts[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_keys[slot].Equals(key))
            {
                return _counts[slot];
            }
        }

        return 0;
    }

    /// <summary>Adds <paramref name="delta"/> to a key's count and returns the count before.</summary>
    public long Add(TKey key, long delta)
    {
        if (delta == 0)
        {
            return Get(key);
        }

        var mask = _keys.Length - 1;
        var slot = Hash(key) & mask;
        for (; _counts[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_keys[slot].Equals(key))
            {
                var before = _counts[slot];
                Total += delta;
                if (before + delta == 0)
                {
                    RemoveAt(slot);
                }
                else
                {
                    _counts[slot] = before + delta;
                }

                return before;
            }
        }

        _keys[slot] = key;
        _counts[slot] = delta;
        Count++;
        Total += delta;
        if (Count * 2 > _keys.Length)
        {
            Grow();
        }

        return 0;
    }

    private void RemoveAt(int slot)
    {
        var mask = _keys.Length - 1;
        _counts[slot] = 0;
        Count--;
        var hole = slot;
        for (var next = (slot + 1) & mask; _counts[next] != 0; next = (next + 1) & mask)
        {
            // An entry may move into the hole only if the hole lies on its probe path from its home slot.
            var home = Hash(_keys[next]) & mask;
            var distanceToNext = (next - home) & mask;
            var distanceToHole = (hole - home) & mask;
            if (distanceToHole < distanceToNext)
            {
                _keys[hole] = _keys[next];
                _counts[hole] = _counts[next];
                _counts[next] = 0;
                hole = next;
            }
        }
    }

    private void Grow()
    {
        var keys = _keys;
        var counts = _counts;
        _keys = new TKey[keys.Length * 2];
        _counts = new long[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            var slot = Hash(keys[i]) & mask;
            while (_counts[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _keys[slot] = keys[i];
            _counts[slot] = counts[i];
        }
    }

    /// <summary>Keys and counts; a slot with count 0 is empty.</summary>
    public ReadOnlySpan<TKey> Keys => _keys;

    /// <summary>Counts aligned with <see cref="Keys"/>; 0 marks an empty slot.</summary>
    public ReadOnlySpan<long> Counts => _counts;
}
