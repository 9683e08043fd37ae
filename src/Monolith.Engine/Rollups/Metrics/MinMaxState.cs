using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// MIN or MAX, exact under deletion of the current extreme: each group keeps the multiset of its values
/// (value to count). Readers see only the current extreme, kept in a published column; the multisets are the
/// writer's alone and never copied. Deleting the last copy of the extreme scans the group's distinct values for
/// the next one, so the cost of such a delete grows with the number of distinct values in the group.
/// Values are compared as order-preserving keys: 64-bit for integers, timestamps and doubles, 128-bit unscaled
/// for decimals.
/// <para>
/// Most groups of a fine-grained rollup (a minute and a payment method) hold a single distinct value, whose
/// multiset is the extreme itself and a count. Such a group keeps that count inline, in a writer-only column,
/// and gets a multiset only when a second distinct value arrives (or a retraction of a value it never held):
/// 8 bytes instead of a map of a few hundred.
/// </para>
/// </summary>
/// <typeparam name="TKey"><see cref="long"/> or <see cref="Int128"/>.</typeparam>
internal sealed class MinMaxState<TKey> : MetricState
    where TKey : unmanaged, IEquatable<TKey>, IComparisonOperators<TKey, TKey, bool>
{
    private readonly bool _max;
    private readonly CowColumn<TKey> _extremes = new();
    private readonly NullTracker _nonNull = new();
    private CountMap<TKey>?[] _sets = [];

    // Per group without a multiset: how many copies of its extreme it holds (0: no value). Never negative; a
    // count past int.MaxValue moves the group to a multiset.
    private int[] _single = [];
    private long[] _scratch = [];

    public MinMaxState(RollupMetric metric, ColumnType inputType)
        : base(metric, inputType)
    {
        _max = metric.Kind == AggregatorKind.Max;
    }

    public override ColumnType ResultType => InputType;

    public override long WriterOnlyBytes
    {
        get
        {
            long bytes = ((long)_sets.Length * IntPtr.Size) + ((long)_single.Length * sizeof(int));
            foreach (var set in _sets)
            {
                bytes += set?.Bytes ?? 0;
            }

            return bytes;
        }
    }

    public override void PrepareNulls(IArrowArray argument, CowColumn<long> rowCounts, int groupCount) =>
        _nonNull.Prepare(argument, rowCounts, groupCount);

    public override void EnsureCapacity(int groups)
    {
        _extremes.EnsureCapacity(groups);
        _nonNull.EnsureCapacity(groups);
        if (_sets.Length < groups)
        {
            // Growing by half keeps these per-group arrays, unlike the chunked columns, from doubling the state.
            var capacity = Math.Max(groups, _sets.Length + (_sets.Length >> 1));
            System.Array.Resize(ref _sets, capacity);
            System.Array.Resize(ref _single, capacity);
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
            var set = _sets[group];
            if (set is null)
            {
                ref var copies = ref _single[group];
                if (copies == 0 && weight > 0)
                {
                    copies = weight;
                    _extremes.Writable(group) = key;
                    continue;
                }

                if (copies != 0 && key.Equals(_extremes.Get(group)) &&
                    (long)copies + weight is >= 0 and <= int.MaxValue)
                {
                    // The group's only value, one copy more or less; with none left the group has no value and
                    // the stale extreme is hidden by its non-NULL count of 0, as for a group with a multiset.
                    copies += weight;
                    continue;
                }

                set = _sets[group] = new CountMap<TKey>();
                if (copies != 0)
                {
                    set.Add(_extremes.Get(group), copies);
                    copies = 0;
                }
            }

            var before = set.Add(key, weight);
            var after = before + weight;
            if (before <= 0 && after > 0)
            {
                if (set.Count == 1 || Better(key, _extremes.Get(group)))
                {
                    _extremes.Writable(group) = key;
                }
            }
            else if (before > 0 && after <= 0 && key.Equals(_extremes.Get(group)))
            {
                if (FindExtreme(set, out var next))
                {
                    _extremes.Writable(group) = next;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Better(TKey candidate, TKey current) => _max ? candidate > current : candidate < current;

    private bool FindExtreme(CountMap<TKey> set, out TKey extreme)
    {
        extreme = default;
        var found = false;
        var keys = set.Keys;
        var counts = set.Counts;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] > 0 && (!found || Better(keys[i], extreme)))
            {
                extreme = keys[i];
                found = true;
            }
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
        ArrowColumns.ReadKeys(array, keys);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = OrderKey(InputType, keys[i]);
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
        _sets[group] = null;
        _single[group] = 0;
        _nonNull.Reset(group);
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
        new MinMaxSnapshot<TKey>(Metric, InputType, _max, _extremes.Publish(groupCount), _nonNull.Publish(groupCount));

    /// <summary>Reads an order key back as a value of <paramref name="type"/>.</summary>
    public static QueryValue Decode(ColumnType type, TKey key)
    {
        if (typeof(TKey) == typeof(Int128))
        {
            return QueryValue.FromDecimal(Unsafe.As<TKey, Int128>(ref key), type.Scale);
        }

        var raw = OrderKey(type, Unsafe.As<TKey, long>(ref key));
        return Dictionaries.LongDictionary.Decode(type, raw);
    }
}
