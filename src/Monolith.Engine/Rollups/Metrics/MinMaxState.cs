using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// MIN and/or MAX over one argument, exact under deletion of the current extreme: each group keeps the multiset
/// of its values (value to count). Readers see only the current extremes, kept in published columns; the
/// multisets are the writer's alone and never copied. MIN and MAX of the same expression share one state (the
/// second metric is a <see cref="MinMaxPartner"/>), so the values are kept once.
/// Values are compared as order-preserving keys: 64-bit for integers, timestamps, doubles and decimals of up to
/// 18 digits, 128-bit unscaled for wider decimals.
/// <para>
/// Memory: most groups of a fine-grained rollup (a minute and a payment method) hold one to a few values. A group
/// with a single distinct value keeps only its count of copies, inline (the extreme is the value). Up to
/// <see cref="ValueBlocks{TKey}.MaxBlock"/> distinct values live in a block of a shared arena (12 bytes a value
/// for 64-bit keys) that every change scans once, finding the new extremes in the same pass; a group with more
/// moves to a hash map, where deleting the last copy of an extreme scans the map for the next one.
/// </para>
/// </summary>
/// <typeparam name="TKey"><see cref="long"/> or <see cref="Int128"/>.</typeparam>
internal sealed class MinMaxState<TKey> : MetricState
    where TKey : unmanaged, IEquatable<TKey>, IComparisonOperators<TKey, TKey, bool>
{
    private const int Large = -1;

    private readonly bool _max;
    private readonly NullTracker _nonNull = new();
    private readonly ValueBlocks<TKey> _blocks = new();
    private readonly Dictionary<int, CountMap<TKey>> _large = [];
    private CowColumn<TKey>? _minimums;
    private CowColumn<TKey>? _maximums;

    // Per group: 0 while it holds at most one distinct value, its block (plus one) in the arena, or Large.
    private int[] _block = [];

    // Per group: copies of its only value without a block, entries of its block with one.
    private int[] _length = [];
    private byte[] _sizeClass = [];
    private long[] _scratch = [];

    public MinMaxState(RollupMetric metric, ColumnType inputType)
        : base(metric, inputType)
    {
        _max = metric.Kind == AggregatorKind.Max;
        if (_max)
        {
            _maximums = new CowColumn<TKey>();
        }
        else
        {
            _minimums = new CowColumn<TKey>();
        }
    }

    public override ColumnType ResultType => InputType;

    /// <summary>True when <paramref name="other"/> (the opposite of this metric's MIN or MAX over the same
    /// expression and type) can share this state.</summary>
    public bool CanPair(RollupMetric other, ColumnType type) =>
        (_minimums is null || _maximums is null) && type == InputType &&
        other.Kind == (_max ? AggregatorKind.Min : AggregatorKind.Max) &&
        other.Argument?.ToString() == Metric.Argument?.ToString();

    /// <summary>Makes this state keep the extremes of <paramref name="other"/> too; returns the metric state
    /// that publishes them.</summary>
    public MetricState Pair(RollupMetric other)
    {
        var column = new CowColumn<TKey>();
        column.EnsureCapacity(_block.Length);
        if (_max)
        {
            _minimums = column;
        }
        else
        {
            _maximums = column;
        }

        return new MinMaxPartner(other, InputType, this);
    }

    public override long WriterOnlyBytes
    {
        get
        {
            long bytes = (long)_block.Length * (sizeof(int) + sizeof(int) + sizeof(byte)) + _blocks.Bytes;
            foreach (var map in _large.Values)
            {
                bytes += map.Bytes + 32;
            }

            return bytes;
        }
    }

    public override void PrepareNulls(IArrowArray argument, CowColumn<long> rowCounts, int groupCount) =>
        _nonNull.Prepare(argument, rowCounts, groupCount);

    public override void EnsureCapacity(int groups)
    {
        _minimums?.EnsureCapacity(groups);
        _maximums?.EnsureCapacity(groups);
        _nonNull.EnsureCapacity(groups);
        if (_block.Length < groups)
        {
            // Growing by half keeps these per-group arrays, unlike the chunked columns, from doubling the state.
            var capacity = Math.Max(groups, _block.Length + (_block.Length >> 1));
            System.Array.Resize(ref _block, capacity);
            System.Array.Resize(ref _length, capacity);
            System.Array.Resize(ref _sizeClass, capacity);
        }
    }

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        var array = argument!;
        var keys = ReadKeys(array);
        var noNulls = array.NullCount == 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || (!noNulls && array.IsNull(i)))
            {
                continue;
            }

            var key = keys[i];
            var weight = weights[i];
            _nonNull.Add(group, weight);
            var block = _block[group];
            if (block == 0)
            {
                ref var copies = ref _length[group];
                if (copies == 0 && weight > 0)
                {
                    copies = weight;
                    SetExtremes(group, key, key);
                    continue;
                }

                if (copies != 0 && key.Equals(Single(group)) && (long)copies + weight is >= 0 and <= int.MaxValue)
                {
                    // The group's only value, one copy more or less; with none left the group has no value and
                    // the stale extremes are hidden by its non-NULL count of 0, as for a group with a multiset.
                    copies += weight;
                    continue;
                }

                block = ToBlock(group);
            }

            if (block == Large)
            {
                ApplyLarge(group, key, weight);
            }
            else
            {
                ApplyBlock(group, block - 1, key, weight);
            }
        }
    }

    /// <summary>The value of a group without a block: both its extremes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TKey Single(int group) => (_minimums ?? _maximums)!.Get(group);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetExtremes(int group, TKey minimum, TKey maximum)
    {
        if (_minimums is not null && !_minimums.Get(group).Equals(minimum))
        {
            _minimums.Writable(group) = minimum;
        }

        if (_maximums is not null && !_maximums.Get(group).Equals(maximum))
        {
            _maximums.Writable(group) = maximum;
        }
    }

    /// <summary>Moves a group's single value (if it has copies) into a new block of two; returns the block plus
    /// one.</summary>
    private int ToBlock(int group)
    {
        var block = _blocks.Allocate(0);
        var copies = _length[group];
        if (copies != 0)
        {
            _blocks.Keys(block, 0)[0] = Single(group);
            _blocks.Counts(block, 0)[0] = copies;
        }

        _length[group] = copies != 0 ? 1 : 0;
        _sizeClass[group] = 0;
        _block[group] = block + 1;
        return block + 1;
    }

    /// <summary>Adds a weight to a value of a group with a block, and finds the group's extremes in the same pass
    /// over the block.</summary>
    private void ApplyBlock(int group, int block, TKey key, sbyte weight)
    {
        var sizeClass = _sizeClass[group];
        var length = _length[group];
        var keys = _blocks.Keys(block, sizeClass)[..length];
        var counts = _blocks.Counts(block, sizeClass)[..length];
        var found = -1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].Equals(key))
            {
                found = i;
                break;
            }
        }

        if (found < 0)
        {
            if (length == ValueBlocks<TKey>.Capacity(sizeClass))
            {
                if (length == ValueBlocks<TKey>.MaxBlock)
                {
                    ToLarge(group, block, sizeClass, length);
                    ApplyLarge(group, key, weight);
                    return;
                }

                block = Grow(group, block, sizeClass, length);
                sizeClass++;
            }

            _blocks.Keys(block, sizeClass)[length] = key;
            _blocks.Counts(block, sizeClass)[length] = weight;
            _length[group] = ++length;
        }
        else if ((long)counts[found] + weight is < int.MinValue or > int.MaxValue)
        {
            ToLarge(group, block, sizeClass, length);
            ApplyLarge(group, key, weight);
            return;
        }
        else if ((counts[found] += weight) == 0)
        {
            // Keep the block dense: the last entry fills the hole.
            length--;
            keys[found] = keys[length];
            counts[found] = counts[length];
            _length[group] = length;
        }

        keys = _blocks.Keys(block, sizeClass)[..length];
        counts = _blocks.Counts(block, sizeClass)[..length];
        var present = 0;
        var last = -1;
        TKey minimum = default, maximum = default;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] <= 0)
            {
                continue;
            }

            var value = keys[i];
            if (present == 0 || value < minimum)
            {
                minimum = value;
            }

            if (present == 0 || value > maximum)
            {
                maximum = value;
            }

            present++;
            last = i;
        }

        if (present > 0)
        {
            SetExtremes(group, minimum, maximum);
        }

        if (length <= 1 && (length == 0 || present == 1))
        {
            // Back to a single value (or none) without a block.
            _blocks.Free(block, sizeClass);
            _block[group] = 0;
            _length[group] = length == 0 ? 0 : counts[last];
        }
    }

    private int Grow(int group, int block, int sizeClass, int length)
    {
        var grown = _blocks.Allocate(sizeClass + 1);
        _blocks.Keys(block, sizeClass)[..length].CopyTo(_blocks.Keys(grown, sizeClass + 1));
        _blocks.Counts(block, sizeClass)[..length].CopyTo(_blocks.Counts(grown, sizeClass + 1));
        _blocks.Free(block, sizeClass);
        _block[group] = grown + 1;
        _sizeClass[group] = (byte)(sizeClass + 1);
        return grown;
    }

    private void ToLarge(int group, int block, int sizeClass, int length)
    {
        var map = new CountMap<TKey>(length * 2);
        var keys = _blocks.Keys(block, sizeClass);
        var counts = _blocks.Counts(block, sizeClass);
        for (var i = 0; i < length; i++)
        {
            map.Add(keys[i], counts[i]);
        }

        _blocks.Free(block, sizeClass);
        _large[group] = map;
        _block[group] = Large;
    }

    private void ApplyLarge(int group, TKey key, sbyte weight)
    {
        var set = _large[group];
        var before = set.Add(key, weight);
        var after = before + weight;
        if (before <= 0 && after > 0)
        {
            var first = set.Count == 1;
            if (_minimums is not null && (first || key < _minimums.Get(group)))
            {
                _minimums.Writable(group) = key;
            }

            if (_maximums is not null && (first || key > _maximums.Get(group)))
            {
                _maximums.Writable(group) = key;
            }
        }
        else if (before > 0 && after <= 0 &&
                 ((_minimums is not null && key.Equals(_minimums.Get(group))) ||
                  (_maximums is not null && key.Equals(_maximums.Get(group)))) &&
                 FindExtremes(set, out var minimum, out var maximum))
        {
            SetExtremes(group, minimum, maximum);
        }
    }

    private static bool FindExtremes(CountMap<TKey> set, out TKey minimum, out TKey maximum)
    {
        minimum = default;
        maximum = default;
        var found = false;
        var keys = set.Keys;
        var counts = set.Counts;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] <= 0)
            {
                continue;
            }

            if (!found || keys[i] < minimum)
            {
                minimum = keys[i];
            }

            if (!found || keys[i] > maximum)
            {
                maximum = keys[i];
            }

            found = true;
        }

        return found;
    }

    private ReadOnlySpan<TKey> ReadKeys(IArrowArray array)
    {
        if (typeof(TKey) == typeof(Int128))
        {
            var decimals = ArrowColumns.Decimal128Values((Decimal128Array)array);
            return Unsafe.As<ReadOnlySpan<Int128>, ReadOnlySpan<TKey>>(ref decimals);
        }

        if (_scratch.Length < array.Length)
        {
            _scratch = new long[Math.Max(array.Length, _scratch.Length * 2)];
        }

        var keys = _scratch.AsSpan(0, array.Length);
        if (array is Decimal128Array narrow)
        {
            // Up to 18 digits: the unscaled value fits 64 bits and orders as the decimal does.
            var unscaled = ArrowColumns.Decimal128Values(narrow);
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = (long)unscaled[i];
            }
        }
        else
        {
            ArrowColumns.ReadKeys(array, keys);
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = OrderKey(InputType, keys[i]);
            }
        }

        ReadOnlySpan<long> result = keys;
        return Unsafe.As<ReadOnlySpan<long>, ReadOnlySpan<TKey>>(ref result);
    }

    /// <summary>Turns a 64-bit key into one whose signed order is the value order (an involution).</summary>
    public static long OrderKey(ColumnType type, long key) => type.Kind switch
    {
        ValueKind.UnsignedLong => key ^ long.MinValue,
        ValueKind.Double => key >= 0 ? key : key ^ long.MaxValue,
        _ => key,
    };

    public override void Reset(int group)
    {
        var block = _block[group];
        if (block == Large)
        {
            _large.Remove(group);
        }
        else if (block != 0)
        {
            _blocks.Free(block - 1, _sizeClass[group]);
        }

        _block[group] = 0;
        _length[group] = 0;
        _nonNull.Reset(group);
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
        Publish(Metric, _max, groupCount);

    private MinMaxSnapshot<TKey> Publish(RollupMetric metric, bool max, int groupCount) =>
        new(metric, InputType, max, (max ? _maximums : _minimums)!.Publish(groupCount), _nonNull.Publish(groupCount));

    /// <summary>Reads an order key back as a value of <paramref name="type"/>.</summary>
    public static QueryValue Decode(ColumnType type, TKey key)
    {
        if (typeof(TKey) == typeof(Int128))
        {
            return QueryValue.FromDecimal(Unsafe.As<TKey, Int128>(ref key), type.Scale);
        }

        var raw = OrderKey(type, Unsafe.As<TKey, long>(ref key));
        return type.Kind == ValueKind.Decimal
            ? QueryValue.FromDecimal(raw, type.Scale)
            : Dictionaries.LongDictionary.Decode(type, raw);
    }

    /// <summary>The second of a MIN and MAX pair over one expression: the owner keeps both extremes, this
    /// publishes its own.</summary>
    private sealed class MinMaxPartner(RollupMetric metric, ColumnType inputType, MinMaxState<TKey> owner)
        : MetricState(metric, inputType)
    {
        public override ColumnType ResultType => InputType;

        public override void EnsureCapacity(int groups)
        {
        }

        public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights,
            int epoch)
        {
        }

        public override void Reset(int group)
        {
        }

        public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
            owner.Publish(Metric, !owner._max, groupCount);
    }
}
