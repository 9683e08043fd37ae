using Monolith.Engine.Rollups.Storage;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>
/// A tier as of one rollup version: per tier group (tier bucket and the rollup's dimension ids) the sums of the
/// live rollup groups inside it. Dimension ids are the rollup's own, so the version's dictionaries decode them.
/// </summary>
internal sealed class TierSnapshot(
    RollupVersion version,
    Granularity granularity,
    int groupCount,
    ColumnSnapshot<long> buckets,
    ColumnSnapshot<int>[] ids,
    ColumnSnapshot<long> rowCounts,
    ColumnSnapshot<Int128>[] sums,
    ColumnSnapshot<Int128>[] extremes,
    ColumnSnapshot<long>[] nonNull,
    bool[] usable,
    TierTimeIndex timeIndex)
{
    /// <summary>The rollup version this tier reflects.</summary>
    public RollupVersion Version { get; } = version;

    public Granularity Granularity { get; } = granularity;

    public int GroupCount { get; } = groupCount;

    /// <summary>Per tier group, its tier bucket start.</summary>
    public ColumnSnapshot<long> Buckets { get; } = buckets;

    /// <summary>Per dimension, per tier group, the rollup's dictionary id.</summary>
    public ColumnSnapshot<int>[] Ids { get; } = ids;

    /// <summary>Per tier group, the source rows of its live rollup groups (0 when none is live).</summary>
    public ColumnSnapshot<long> RowCounts { get; } = rowCounts;

    /// <summary>Per SUM metric, exact sums (unscaled decimals or integers); empty for other metrics.</summary>
    public ColumnSnapshot<Int128>[] Sums { get; } = sums;

    /// <summary>Per MIN or MAX metric, the extreme's order key (meaningful where <see cref="NonNull"/> is
    /// positive); empty for other metrics.</summary>
    public ColumnSnapshot<Int128>[] Extremes { get; } = extremes;

    /// <summary>Per SUM, MIN or MAX metric, the rows whose value was not NULL.</summary>
    public ColumnSnapshot<long>[] NonNull { get; } = nonNull;

    /// <summary>Tier groups by bucket, for a time range to seek instead of scan.</summary>
    public TierTimeIndex TimeIndex { get; } = timeIndex;

    /// <summary>True when the tier answers for metric <paramref name="metric"/> (COUNT(*), an exact SUM, MIN or
    /// MAX).</summary>
    public bool Keeps(int metric) => usable[metric];
}
