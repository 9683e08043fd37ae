using Apache.Arrow;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// The writer side of one metric: per-group intermediate values that batches update with signed weights
/// (Druid's vocabulary: initialise, add, retract, combine, finalise), published as an immutable
/// <see cref="MetricSnapshot"/> with each version.
/// </summary>
internal abstract class MetricState(RollupMetric metric, ColumnType inputType)
{
    public RollupMetric Metric { get; } = metric;

    /// <summary>Type of the argument column (or BIGINT for COUNT(*)).</summary>
    public ColumnType InputType { get; } = inputType;

    /// <summary>Type of the finalised value.</summary>
    public abstract ColumnType ResultType { get; }

    /// <summary>Values skipped because the metric cannot hold them (NaN and infinities in sums and sketches).</summary>
    public long IgnoredValues { get; protected set; }

    /// <summary>Retractions a sketch could not apply (APPROX_COUNT_DISTINCT past its exact limit).</summary>
    public long IgnoredRetractions { get; protected set; }

    /// <summary>Bytes of state only the writer holds (MIN/MAX value multisets).</summary>
    public virtual long WriterOnlyBytes => 0;

    /// <summary>Called before a batch changes row counts, so null tracking can start from exact counts.</summary>
    public virtual void PrepareNulls(IArrowArray argument, CowColumn<long> rowCounts, int groupCount)
    {
    }

    /// <summary>Makes room for groups with ids below <paramref name="groups"/>.</summary>
    public abstract void EnsureCapacity(int groups);

    /// <summary>Adds (weight +1) and retracts (weight -1) the argument values of a batch. Rows whose group is
    /// negative are skipped.</summary>
    public abstract void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch);

    /// <summary>Returns a group's state to its initial value; called when a group empties or is reclaimed.</summary>
    public abstract void Reset(int group);

    /// <summary>Publishes the state of groups below <paramref name="groupCount"/>.</summary>
    public abstract MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts);
}
