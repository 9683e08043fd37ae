using Monolith.Engine.Query.Execution;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>
/// A coarser copy of a rollup (its groups summed per hour or per day, say) for the metrics it can keep exactly:
/// row counts, COUNT(*), exact integer or decimal SUM, and MIN and MAX. It follows the rollup's published
/// versions without any help from the writer: between the version it reflects and a newer one it looks only at
/// the chunks of groups whose row counts the writer copied (every change to a group writes its row count, and a
/// written chunk is a new array), takes out what the changed groups held and puts in what they hold now.
/// Retractions are therefore as exact as insertions; a MIN or MAX whose extreme is taken out is recomputed from
/// the rollup's groups of that tier bucket. Updated by the first query that wants a newer version, under a lock;
/// readers read published <see cref="TierSnapshot"/>s, which never change.
/// </summary>
internal sealed class RollupTier
{
    private readonly object _lock = new();
    private readonly Granularity _fine;
    private readonly int _dimensionCount;
    private readonly SlotTable _index;
    private readonly CowColumn<long> _buckets = new();
    private readonly CowColumn<int>[] _ids;
    private readonly CowColumn<long> _rowCounts = new();
    private readonly CowColumn<Int128>?[] _sums;
    private readonly CowColumn<long>?[] _nonNull;
    private readonly CowColumn<Int128>?[] _extremes;
    private readonly HashSet<int> _stale = [];
    private readonly bool[] _usable;
    private readonly long[] _key;
    private RollupVersion? _base;
    private TierSnapshot? _published;
    private TierTimeIndex _timeIndex = TierTimeIndex.Empty;
    private bool _broken;

    // The fine bucket whose tier bucket was computed last: neighbouring groups mostly share it.
    private long _lastFine = long.MinValue;
    private long _lastCoarse;

    public RollupTier(RollupDefinition definition, Granularity granularity)
    {
        Granularity = granularity;
        _fine = definition.Granularity;
        _dimensionCount = definition.Dimensions.Count;
        _index = new SlotTable(1 + _dimensionCount, int.MaxValue);
        _key = new long[1 + _dimensionCount];
        _ids = new CowColumn<int>[_dimensionCount];
        for (var d = 0; d < _dimensionCount; d++)
        {
            _ids[d] = new CowColumn<int>();
        }

        var metrics = definition.Metrics;
        _sums = new CowColumn<Int128>?[metrics.Count];
        _nonNull = new CowColumn<long>?[metrics.Count];
        _extremes = new CowColumn<Int128>?[metrics.Count];
        _usable = new bool[metrics.Count];
        for (var m = 0; m < metrics.Count; m++)
        {
            var kind = metrics[m].Kind;
            _usable[m] = kind is AggregatorKind.Count or AggregatorKind.Sum or AggregatorKind.Min or AggregatorKind.Max;
            _sums[m] = kind == AggregatorKind.Sum ? new CowColumn<Int128>() : null;
            _extremes[m] = kind is AggregatorKind.Min or AggregatorKind.Max ? new CowColumn<Int128>() : null;
            _nonNull[m] = _sums[m] is not null || _extremes[m] is not null ? new CowColumn<long>() : null;
        }
    }

    /// <summary>The tier's buckets: each holds whole buckets of the rollup.</summary>
    public Granularity Granularity { get; }

    /// <summary>
    /// The tier as of <paramref name="version"/>, brought up to date first; null when the tier cannot serve that
    /// version (it already moved past it, or the rollup's buckets do not fit into the tier's).
    /// </summary>
    public TierSnapshot? At(RollupVersion version)
    {
        if (Volatile.Read(ref _published) is { } current && ReferenceEquals(current.Version, version))
        {
            return current;
        }

        lock (_lock)
        {
            if (_broken)
            {
                return null;
            }

            if (_published is { } published && ReferenceEquals(published.Version, version))
            {
                return published;
            }

            if (_base is not null && version.Sequence <= _base.Sequence)
            {
                return null;
            }

            if (!Follow(_base, version))
            {
                _broken = true;
                return null;
            }

            _base = version;
            var snapshot = Publish(version);
            Volatile.Write(ref _published, snapshot);
            return snapshot;
        }
    }

    /// <summary>Moves the tier from what <paramref name="from"/> held (nothing when null) to what
    /// <paramref name="to"/> holds; false when a rollup bucket straddles two tier buckets.</summary>
    private bool Follow(RollupVersion? from, RollupVersion to)
    {
        var oldChunks = from?.RowCounts.ChunkCount ?? 0;
        var newChunks = to.RowCounts.ChunkCount;
        var metricsFrom = from is null ? null : Tracked(from);
        var metricsTo = Tracked(to);
        for (var chunk = 0; chunk < Math.Max(oldChunks, newChunks); chunk++)
        {
            if (from is not null && from.RowCounts.SharesChunk(to.RowCounts, chunk))
            {
                continue;
            }

            var first = chunk << CowColumn<long>.ChunkShift;
            var oldEnd = chunk < oldChunks ? first + from!.RowCounts.Chunk(chunk).Length : first;
            var newEnd = chunk < newChunks ? first + to.RowCounts.Chunk(chunk).Length : first;
            for (var group = first; group < Math.Max(oldEnd, newEnd); group++)
            {
                var inOld = group < oldEnd;
                var inNew = group < newEnd;
                if (inOld && inNew && Same(from!, metricsFrom!, to, metricsTo, group))
                {
                    continue;
                }

                if ((inOld && !Contribute(from!, metricsFrom!, group, -1)) ||
                    (inNew && !Contribute(to, metricsTo, group, 1)))
                {
                    return false;
                }
            }
        }

        foreach (var tier in _stale)
        {
            Recompute(to, metricsTo, tier);
        }

        _stale.Clear();
        return true;
    }

    /// <summary>Recomputes the MIN and MAX metrics of a tier group from the rollup's groups in its bucket.</summary>
    private void Recompute(RollupVersion version, Metrics tracked, int tier)
    {
        var bucket = _buckets.Get(tier);
        var range = new TimeRange(bucket, Granularity.Next(bucket) - 1);
        var selected = GroupSelection.Select(version, null, range, out var count, long.MaxValue);
        var found = new bool[_extremes.Length];
        try
        {
            foreach (var group in selected.AsSpan(0, count))
            {
                if (!SameDimensions(version, group, tier))
                {
                    continue;
                }

                for (var m = 0; m < _extremes.Length; m++)
                {
                    if (tracked.Extremes[m] is not { } reader || reader.NonNull(group, version.RowCounts[group]) <= 0)
                    {
                        continue;
                    }

                    var key = reader.Key(group);
                    ref var extreme = ref _extremes[m]!.Writable(tier);
                    if (!found[m] || (reader.IsMax ? key > extreme : key < extreme))
                    {
                        extreme = key;
                        found[m] = true;
                    }
                }
            }
        }
        finally
        {
            GroupSelection.Return(selected);
        }
    }

    private bool SameDimensions(RollupVersion version, int group, int tier)
    {
        for (var d = 0; d < _dimensionCount; d++)
        {
            if (version.Dimensions[d][group] != _ids[d].Get(tier))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The metrics of a version the tier keeps, as their snapshot types.</summary>
    private sealed class Metrics(SumSnapshot?[] sums, ExtremeReader?[] extremes)
    {
        public SumSnapshot?[] Sums { get; } = sums;

        public ExtremeReader?[] Extremes { get; } = extremes;
    }

    /// <summary>Per metric, its exact sums when the tier keeps them; a metric whose sums are not exact integers
    /// (DOUBLE, or past 128 bits) becomes unusable for good.</summary>
    private Metrics Tracked(RollupVersion version)
    {
        var sums = new SumSnapshot?[_usable.Length];
        var extremes = new ExtremeReader?[_usable.Length];
        for (var m = 0; m < sums.Length; m++)
        {
            if (_sums[m] is not null)
            {
                if (version.Metrics[m] is SumSnapshot { Mode: SumMode.Integer, IsAverage: false } snapshot)
                {
                    sums[m] = snapshot;
                }
                else if (version.Metrics[m] is not null)
                {
                    _usable[m] = false;
                }
            }
            else if (_extremes[m] is not null)
            {
                extremes[m] = ExtremeReader.Of(version.Metrics[m]);
                _usable[m] &= extremes[m] is not null || version.Metrics[m] is null;
            }
        }

        return new Metrics(sums, extremes);
    }

    private bool Same(RollupVersion a, Metrics metricsA, RollupVersion b, Metrics metricsB, int group)
    {
        var count = a.RowCounts[group];
        if (count != b.RowCounts[group])
        {
            return false;
        }

        if (count <= 0)
        {
            return b.RowCounts[group] <= 0;
        }

        if (a.Time[group] != b.Time[group])
        {
            return false;
        }

        for (var d = 0; d < _dimensionCount; d++)
        {
            if (a.Dimensions[d][group] != b.Dimensions[d][group])
            {
                return false;
            }
        }

        for (var m = 0; m < _usable.Length; m++)
        {
            if (metricsA.Sums[m] is { } x && metricsB.Sums[m] is { } y &&
                (x.Sums[group] != y.Sums[group] || x.NonNullCount(group, count) != y.NonNullCount(group, count)))
            {
                return false;
            }

            if (metricsA.Extremes[m] is { } p && metricsB.Extremes[m] is { } q &&
                (p.NonNull(group, count) != q.NonNull(group, count) || p.Key(group) != q.Key(group)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (-1) what a live group holds.</summary>
    private bool Contribute(RollupVersion version, Metrics metrics, int group, int sign)
    {
        var count = version.RowCounts[group];
        if (count <= 0)
        {
            return true;
        }

        var fine = version.Time[group];
        if (fine != _lastFine)
        {
            var coarse = Granularity.BucketStart(fine);
            if (Granularity.BucketStart(_fine.Next(fine) - 1) != coarse)
            {
                return false;
            }

            _lastFine = fine;
            _lastCoarse = coarse;
        }

        _key[0] = _lastCoarse;
        for (var d = 0; d < _dimensionCount; d++)
        {
            _key[1 + d] = version.Dimensions[d][group];
        }

        var tier = Find();
        _rowCounts.Writable(tier) += sign * count;
        for (var m = 0; m < _usable.Length; m++)
        {
            if (metrics.Extremes[m] is { } reader && _usable[m])
            {
                Extreme(reader, m, tier, group, count, sign);
                continue;
            }

            if (metrics.Sums[m] is not { } metric || !_usable[m])
            {
                continue;
            }

            ref var sum = ref _sums[m]!.Writable(tier);
            try
            {
                sum = checked(sum + (sign * metric.Sums[group]));
            }
            catch (OverflowException)
            {
                _usable[m] = false;
            }

            _nonNull[m]!.Writable(tier) += sign * metric.NonNullCount(group, count);
        }

        return true;
    }

    /// <summary>Adds a group's extreme into its tier group, or takes it out: taking out the tier group's current
    /// extreme leaves it stale until <see cref="Recompute"/>.</summary>
    private void Extreme(ExtremeReader reader, int metric, int tier, int group, long count, int sign)
    {
        var nonNull = reader.NonNull(group, count);
        if (nonNull <= 0)
        {
            return;
        }

        ref var tierNonNull = ref _nonNull[metric]!.Writable(tier);
        ref var extreme = ref _extremes[metric]!.Writable(tier);
        var key = reader.Key(group);
        if (sign < 0)
        {
            tierNonNull -= nonNull;
            if (key == extreme)
            {
                _stale.Add(tier);
            }

            return;
        }

        if (tierNonNull == 0 || (reader.IsMax ? key > extreme : key < extreme))
        {
            extreme = key;
        }

        tierNonNull += nonNull;
    }

    private int Find()
    {
        var before = _index.Count;
        var tier = _index.Find(_key);
        if (_index.Count == before)
        {
            return tier;
        }

        var count = _index.Count;
        _buckets.EnsureCapacity(count);
        _rowCounts.EnsureCapacity(count);
        _buckets.Writable(tier) = _key[0];
        for (var d = 0; d < _dimensionCount; d++)
        {
            _ids[d].EnsureCapacity(count);
            _ids[d].Writable(tier) = (int)_key[1 + d];
        }

        for (var m = 0; m < _sums.Length; m++)
        {
            _sums[m]?.EnsureCapacity(count);
            _extremes[m]?.EnsureCapacity(count);
            _nonNull[m]?.EnsureCapacity(count);
        }

        return tier;
    }

    private TierSnapshot Publish(RollupVersion version)
    {
        var count = _index.Count;
        var buckets = _buckets.Publish(count);
        if (_timeIndex.GroupCount != count)
        {
            _timeIndex = TierTimeIndex.Build(buckets);
        }

        var ids = new ColumnSnapshot<int>[_dimensionCount];
        for (var d = 0; d < ids.Length; d++)
        {
            ids[d] = _ids[d].Publish(count);
        }

        var sums = new ColumnSnapshot<Int128>[_sums.Length];
        var extremes = new ColumnSnapshot<Int128>[_sums.Length];
        var nonNull = new ColumnSnapshot<long>[_sums.Length];
        for (var m = 0; m < sums.Length; m++)
        {
            if (_nonNull[m] is { } counts && _usable[m])
            {
                sums[m] = _sums[m]?.Publish(count) ?? default;
                extremes[m] = _extremes[m]?.Publish(count) ?? default;
                nonNull[m] = counts.Publish(count);
            }
        }

        return new TierSnapshot(version, Granularity, count, buckets, ids, _rowCounts.Publish(count), sums, extremes,
            nonNull, (bool[])_usable.Clone(), _timeIndex);
    }
}
