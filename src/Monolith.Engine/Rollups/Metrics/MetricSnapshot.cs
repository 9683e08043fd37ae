using Monolith.Engine.Query;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>The reader side of one metric in one version: immutable intermediate values per group.</summary>
internal abstract class MetricSnapshot(RollupMetric metric, ColumnType inputType, ColumnType resultType)
{
    public RollupMetric Metric { get; } = metric;

    public ColumnType InputType { get; } = inputType;

    public ColumnType ResultType { get; } = resultType;

    /// <summary>The finalised value of one group, as a bare read of the metric column returns it.</summary>
    public abstract QueryValue Final(int group, long rowCount);
}
