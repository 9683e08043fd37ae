using System.Collections.Concurrent;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Tiers;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// Aggregations that only add up row counts and exact sums or take MIN and MAX, grouped by constants, dimensions
/// and time floors:
/// answered with typed loops, and from a rollup's tiers where the query's time range and time grouping allow.
/// The range is cut into the whole buckets of the coarsest tier that fit inside it, then the whole buckets of the
/// next tier in the ragged ends, and so on down to the rollup's own groups; each piece is read once. Sums and
/// extremes are the same integers either way, so the answer equals a scan of the rollup's groups.
/// When every aggregate only adds up, a ragged end may instead read its whole enclosing tier bucket and subtract
/// the parts outside the range, where those hold less data (the day of a range ending now, less the hours still
/// to come, which hold none); sums are exact integers, so the difference is exact, and output rows whose groups
/// all lay outside the range (net row count zero) are dropped.
/// </summary>
internal sealed class TieredAggregation
{
    private static readonly ConcurrentDictionary<(Granularity Tier, Granularity Floor), bool> s_fits = new();

    private readonly RollupVersion _version;
    private readonly IReadOnlyList<KeyPart> _keys;
    private readonly AdditiveAggregate[] _aggregates;
    private SlotTable _table;
    private readonly long[] _key;

    // One key of small dense codes (dictionary ids): slots by code, without hashing.
    private readonly int[]? _direct;
    private long[][] _totals;
    private readonly Int128[][] _sums;

    // Net rows per slot, and whether any piece was subtracted (then slots with none are dropped).
    private long[] _rows = [];
    private bool _subtracted;
    private readonly bool _subtractable;

    // The span of bucket starts the version holds, for judging how much data a piece of time holds.
    private readonly long _dataFirst;
    private readonly long _dataLast;

    private TieredAggregation(RollupVersion version, IReadOnlyList<KeyPart> keys, AdditiveAggregate[] aggregates,
        long maxGroups)
    {
        _version = version;
        _keys = keys;
        _aggregates = aggregates;
        _table = new SlotTable(keys.Count, maxGroups);
        _key = new long[keys.Count];
        _direct = keys.Count == 1 && keys[0].DenseSize is > 0 and <= 1 << 20 ? new int[keys[0].DenseSize] : null;
        _totals = new long[aggregates.Length][];
        _sums = new Int128[aggregates.Length][];
        _subtractable = aggregates.All(a => a.Extremes is null);
        (_dataFirst, _dataLast) = (long.MaxValue, long.MinValue);
        for (var chunk = 0; chunk < version.ChunkFirstBucket.Count && chunk < version.ChunkLastBucket.Count; chunk++)
        {
            _dataFirst = Math.Min(_dataFirst, version.ChunkFirstBucket[chunk]);
            _dataLast = Math.Max(_dataLast, version.ChunkLastBucket[chunk]);
        }

        Grow(16);
    }

    /// <summary>The aggregation, or null when its shape is not one this class answers (the caller then
    /// scans).</summary>
    public static AggregationResult? TryRun(RollupTiers? tiers, RollupVersion version, GroupFilter? filter,
        TimeRange range, IReadOnlyList<KeyPart> keys, IReadOnlyList<AggregatorSpec> aggregators, bool alwaysOneRow,
        long maxGroups)
    {
        if (filter is not null || keys.Any(k => k.Shape == KeyShape.Other) ||
            aggregators.Any(a => a.Additive is null || a.Filter is not null))
        {
            return null;
        }

        var additive = aggregators.Select(a => a.Additive!).ToArray();
        var usable = Usable(tiers, version, keys, additive);
        var aggregation = new TieredAggregation(version, keys, additive, maxGroups);
        try
        {
            aggregation.Read(range, usable, 0, 1);
            if (aggregation._subtracted && aggregation._rows.AsSpan(0, aggregation._table.Count).Contains(0))
            {
                aggregation.DropEmptySlots(maxGroups);
            }
        }
        catch (Exception e) when (e is OverflowException or MisfitException)
        {
            // A sum past 128 bits (the plain scan's accumulators continue in arbitrary precision), or a tier bucket
            // that straddles two buckets of a time floor: the plain scan answers.
            return null;
        }

        if (keys.Count == 0 && alwaysOneRow)
        {
            aggregation._table.Find([]);
        }

        return aggregation.Result(aggregators);
    }

    /// <summary>The tiers that keep every metric the query adds up and whose buckets fit the query's time
    /// floors (a bare <c>__time</c> needs the rollup's own buckets), coarsest first.</summary>
    private static IReadOnlyList<TierSnapshot> Usable(RollupTiers? tiers, RollupVersion version,
        IReadOnlyList<KeyPart> keys, AdditiveAggregate[] aggregates)
    {
        if (tiers is null || keys.Any(k => k.Shape == KeyShape.Bucket))
        {
            return [];
        }

        return tiers.At(version).Where(t => aggregates.All(a => a.Metric < 0 || t.Keeps(a.Metric)) &&
                                            keys.All(k => k.Granularity is null || Fits(t.Granularity, k.Granularity)))
            .ToList();
    }

    /// <summary>Whether a sample of tier buckets lies inside single buckets of <paramref name="floor"/>; every
    /// bucket read is checked again, and a misfit abandons the tier.</summary>
    private static bool Fits(Granularity tier, Granularity floor) =>
        s_fits.GetOrAdd((tier, floor), static pair => Sample(pair.Tier, pair.Floor));

    private static bool Sample(Granularity tier, Granularity floor)
    {
        var bucket = tier.BucketStart(1_577_836_800_000);
        for (var i = 0; i < 400; i++, bucket = tier.Next(bucket))
        {
            if (!FitsBucket(tier, floor, bucket))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FitsBucket(Granularity tier, Granularity floor, long bucket) =>
        floor.BucketStart(bucket) == floor.BucketStart(tier.Next(bucket) - 1);

    /// <summary>Reads bucket starts in [first, last] from tier <paramref name="level"/> and below, adding
    /// (<paramref name="sign"/> 1) or subtracting (-1).</summary>
    private void Read(TimeRange range, IReadOnlyList<TierSnapshot> tiers, int level, int sign)
    {
        if (range.First > range.Last)
        {
            return;
        }

        if (level == tiers.Count)
        {
            ReadGroups(range, sign);
            return;
        }

        var tier = tiers[level];
        var granularity = tier.Granularity;
        var start = range.First;
        if (start != long.MinValue)
        {
            var bucket = granularity.BucketStart(start);
            start = bucket < start ? granularity.Next(bucket) : bucket;
        }

        var end = range.Last == long.MaxValue ? long.MaxValue : granularity.BucketStart(range.Last + 1);
        if (start > end)
        {
            // Inside a single bucket of this tier.
            Ragged(range, tiers, level, sign);
            return;
        }

        if (start < end)
        {
            ReadTier(tier, start, end == long.MaxValue ? long.MaxValue : end - 1, sign);
        }

        if (start != long.MinValue)
        {
            Ragged(new TimeRange(range.First, start - 1), tiers, level, sign);
        }

        if (end != long.MaxValue)
        {
            Ragged(new TimeRange(end, range.Last), tiers, level, sign);
        }
    }

    /// <summary>A piece of the range inside one bucket of tier <paramref name="level"/>: read from the finer
    /// tiers, or, when the rest of the bucket holds less data, as the whole bucket less that rest.</summary>
    private void Ragged(TimeRange piece, IReadOnlyList<TierSnapshot> tiers, int level, int sign)
    {
        if (piece.First > piece.Last)
        {
            return;
        }

        var granularity = tiers[level].Granularity;
        if (_subtractable && piece.First != long.MinValue && piece.Last != long.MaxValue)
        {
            var bucket = granularity.BucketStart(piece.First);
            var bucketLast = granularity.Next(bucket) - 1;
            var before = new TimeRange(bucket, piece.First - 1);
            var after = new TimeRange(piece.Last + 1, bucketLast);
            if (bucketLast >= piece.Last && DataSpan(before) + DataSpan(after) < DataSpan(piece))
            {
                _subtracted = true;
                ReadTier(tiers[level], bucket, bucket, sign);
                Read(before, tiers, level + 1, -sign);
                Read(after, tiers, level + 1, -sign);
                return;
            }
        }

        Read(piece, tiers, level + 1, sign);
    }

    /// <summary>How much of the version's time span <paramref name="range"/> covers: the measure of how many
    /// groups reading it costs.</summary>
    private long DataSpan(TimeRange range)
    {
        var first = Math.Max(range.First, _dataFirst);
        var last = Math.Min(range.Last, _dataLast);
        return first > last ? 0 : last - first + 1;
    }

    private void ReadGroups(TimeRange range, int sign)
    {
        var selected = GroupSelection.Select(_version, null, range, out var count, long.MaxValue);
        try
        {
            var rowCounts = _version.RowCounts;
            var previousSlot = -1;
            foreach (var group in selected.AsSpan(0, count))
            {
                var changed = previousSlot < 0;
                for (var k = 0; k < _keys.Count; k++)
                {
                    var code = _keys[k].KeyOf(group);
                    changed |= code != _key[k];
                    _key[k] = code;
                }

                var slot = changed ? Slot() : previousSlot;
                previousSlot = slot;
                var rows = rowCounts[group];
                _rows[slot] += sign * rows;
                for (var a = 0; a < _aggregates.Length; a++)
                {
                    if (_aggregates[a].Extremes is { } reader)
                    {
                        var present = reader.NonNull(group, rows);
                        if (present > 0)
                        {
                            Extreme(a, slot, reader.IsMax, reader.Key(group), present);
                        }

                        continue;
                    }

                    if (_aggregates[a].Sums is not { } sums)
                    {
                        _totals[a][slot] += sign * rows;
                        continue;
                    }

                    var nonNull = sums.NonNullCount(group, rows);
                    if (nonNull != 0)
                    {
                        _totals[a][slot] += sign * nonNull;
                        _sums[a][slot] = sign > 0 ? checked(_sums[a][slot] + sums.Sums[group])
                            : checked(_sums[a][slot] - sums.Sums[group]);
                    }
                }
            }
        }
        finally
        {
            GroupSelection.Return(selected);
        }
    }

    private void ReadTier(TierSnapshot tier, long first, long last, int sign)
    {
        var previousSlot = -1;
        var fitted = long.MinValue;
        foreach (var group in tier.TimeIndex.Range(first, last))
        {
            var rows = tier.RowCounts[group];
            if (rows <= 0)
            {
                continue;
            }

            var bucket = tier.Buckets[group];
            var changed = previousSlot < 0;
            for (var k = 0; k < _keys.Count; k++)
            {
                var part = _keys[k];
                long code = 0;
                if (part.Shape == KeyShape.Dimension)
                {
                    code = tier.Ids[part.DimensionIndex][group];
                }
                else if (part.Granularity is { } floor)
                {
                    if (bucket != fitted && !FitsBucket(tier.Granularity, floor, bucket))
                    {
                        throw new MisfitException();
                    }

                    fitted = bucket;
                    code = floor.BucketStart(bucket);
                }

                changed |= code != _key[k];
                _key[k] = code;
            }

            var slot = changed ? Slot() : previousSlot;
            previousSlot = slot;
            _rows[slot] += sign * rows;
            for (var a = 0; a < _aggregates.Length; a++)
            {
                var metric = _aggregates[a].Metric;
                if (_aggregates[a].Extremes is { } reader)
                {
                    var present = tier.NonNull[metric][group];
                    if (present > 0)
                    {
                        Extreme(a, slot, reader.IsMax, tier.Extremes[metric][group], present);
                    }

                    continue;
                }

                if (_aggregates[a].Sums is null)
                {
                    _totals[a][slot] += sign * rows;
                    continue;
                }

                _totals[a][slot] += sign * tier.NonNull[metric][group];
                _sums[a][slot] = sign > 0 ? checked(_sums[a][slot] + tier.Sums[metric][group])
                    : checked(_sums[a][slot] - tier.Sums[metric][group]);
            }
        }
    }

    private void Extreme(int aggregate, int slot, bool isMax, Int128 key, long present)
    {
        ref var best = ref _sums[aggregate][slot];
        if (_totals[aggregate][slot] == 0 || (isMax ? key > best : key < best))
        {
            best = key;
        }

        _totals[aggregate][slot] += present;
    }

    private int Slot()
    {
        int slot;
        if (_direct is not null)
        {
            ref var entry = ref _direct[(int)_key[0]];
            if (entry == 0)
            {
                entry = _table.Find(_key) + 1;
            }

            slot = entry - 1;
        }
        else
        {
            slot = _table.Find(_key);
        }

        if (slot >= _rows.Length)
        {
            Grow(_totals[0].Length * 2);
        }

        return slot;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _rows, size);
        for (var a = 0; a < _aggregates.Length; a++)
        {
            Array.Resize(ref _totals[a], size);
            if (_aggregates[a].Sums is not null || _aggregates[a].Extremes is not null)
            {
                Array.Resize(ref _sums[a], size);
            }
        }

        if (_aggregates.Length == 0)
        {
            _totals = [new long[size]];
        }
    }

    /// <summary>After subtracting, drops the slots whose groups all lay outside the range (no net rows): the
    /// plain scan never makes them.</summary>
    private void DropEmptySlots(long maxGroups)
    {
        var table = new SlotTable(_keys.Count, maxGroups);
        Span<long> key = _keys.Count <= 64 ? stackalloc long[_keys.Count] : new long[_keys.Count];
        var kept = 0;
        for (var slot = 0; slot < _table.Count; slot++)
        {
            if (_rows[slot] == 0)
            {
                continue;
            }

            for (var k = 0; k < _keys.Count; k++)
            {
                key[k] = _table.KeyPart(slot, k);
            }

            table.Find(key);
            _rows[kept] = _rows[slot];
            for (var a = 0; a < _aggregates.Length; a++)
            {
                _totals[a][kept] = _totals[a][slot];
                if (_sums[a] is { } sums)
                {
                    sums[kept] = sums[slot];
                }
            }

            kept++;
        }

        _table = table;
    }

    private AggregationResult Result(IReadOnlyList<AggregatorSpec> aggregators)
    {
        var slotCount = _table.Count;
        var keyValues = new QueryValue[_keys.Count][];
        for (var k = 0; k < _keys.Count; k++)
        {
            keyValues[k] = new QueryValue[slotCount];
            for (var slot = 0; slot < slotCount; slot++)
            {
                keyValues[k][slot] = _keys[k].ValueOf(_table.KeyPart(slot, k));
            }
        }

        var results = new QueryValue[_aggregates.Length][];
        for (var a = 0; a < _aggregates.Length; a++)
        {
            results[a] = new QueryValue[slotCount];
            var sums = _aggregates[a].Sums;
            var extremes = _aggregates[a].Extremes;
            for (var slot = 0; slot < slotCount; slot++)
            {
                results[a][slot] = extremes is not null
                    ? _totals[a][slot] == 0 ? QueryValue.Null : extremes.Decode(_sums[a][slot])
                    : sums is null ? QueryValue.FromLong(_totals[a][slot])
                    : _totals[a][slot] == 0 ? QueryValue.Null
                    : sums.InputType.Kind == ValueKind.Decimal ? QueryValue.FromDecimal(_sums[a][slot], sums.Scale)
                    : QueryValue.FromInteger(_sums[a][slot]);
            }
        }

        return new AggregationResult(slotCount, keyValues, results, _table);
    }

    private sealed class MisfitException : Exception;
}
