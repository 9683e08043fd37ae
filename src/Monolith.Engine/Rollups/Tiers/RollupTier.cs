using Monolith.Engine.Query.Execution;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>
/// A coarser copy of a rollup (its groups summed per hour or per day, say) for the metrics that add up exactly:
/// row counts, COUNT(*) and exact integer or decimal SUM. It follows the rollup's published versions without any
/// help from the writer: between the version it reflects and a newer one it looks only at the chunks of groups
/// whose row counts the writer copied (every change to a group writes its row count, and a written chunk is a
/// new array), takes out what the changed groups held and puts in what they hold now. Retractions are therefore
/// as exact as insertions. Updated by the first query that wants a newer version, under a lock; readers read
/// published <see cref="TierSnapshot"/>s, which never change.
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
        _usable = new bool[metrics.Count];
        for (var m = 0; m < metrics.Count; m++)
        {
            _usable[m] = metrics[m].Kind is AggregatorKind.Count or AggregatorKind.Sum;
            if (metrics[m].Kind == AggregatorKind.Sum)
            {
                _sums[m] = new CowColumn<Int128>();
                _nonNull[m] = new CowColumn<long>();
            }
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
            _published = Publish(version);
            return _published;
        }
    }

    /// <summary>Moves the tier from what <paramref name="from"/> held (nothing when null) to what
    /// <paramref name="to"/> holds; false when a rollup bucket straddles two tier buckets.</summary>
    private bool Follow(RollupVersion? from, RollupVersion to)
    {
        var oldChunks = from?.RowCounts.ChunkCount ?? 0;
        var newChunks = to.RowCounts.ChunkCount;
        var metricsFrom = from is null ? null : Sums(from);
        var metricsTo = Sums(to);
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

        return true;
    }

    /// <summary>Per metric, its exact sums when the tier keeps them; a metric whose sums are not exact integers
    /// (DOUBLE, or past 128 bits) becomes unusable for good.</summary>
    private SumSnapshot?[] Sums(RollupVersion version)
    {
        var sums = new SumSnapshot?[_usable.Length];
        for (var m = 0; m < sums.Length; m++)
        {
            if (_sums[m] is null)
            {
                continue;
            }

            if (version.Metrics[m] is SumSnapshot { Mode: SumMode.Integer, IsAverage: false } snapshot)
            {
                sums[m] = snapshot;
            }
            else if (version.Metrics[m] is not null)
            {
                _usable[m] = false;
            }
        }

        return sums;
    }

    private bool Same(RollupVersion a, SumSnapshot?[] sumsA, RollupVersion b, SumSnapshot?[] sumsB, int group)
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

        for (var m = 0; m < sumsA.Length; m++)
        {
            if (sumsA[m] is { } x && sumsB[m] is { } y &&
                (x.Sums[group] != y.Sums[group] || x.NonNullCount(group, count) != y.NonNullCount(group, count)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (-1) what a live group holds.</summary>
    private bool Contribute(RollupVersion version, SumSnapshot?[] sums, int group, int sign)
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
        for (var m = 0; m < sums.Length; m++)
        {
            if (sums[m] is not { } metric || !_usable[m])
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
        var nonNull = new ColumnSnapshot<long>[_sums.Length];
        for (var m = 0; m < sums.Length; m++)
        {
            if (_sums[m] is { } column && _usable[m])
            {
                sums[m] = column.Publish(count);
                nonNull[m] = _nonNull[m]!.Publish(count);
            }
        }

        return new TierSnapshot(version, Granularity, count, buckets, ids, _rowCounts.Publish(count), sums, nonNull,
            (bool[])_usable.Clone(), _timeIndex);
    }
}
