using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published COUNT(*) (the row counts) or COUNT(x) values.</summary>
internal sealed class CountSnapshot(RollupMetric metric, ColumnSnapshot<long> counts)
    : MetricSnapshot(metric, ColumnType.Long, ColumnType.Long)
{
    public ColumnSnapshot<long> Counts { get; } = counts;

    public override QueryValue Final(int group, long rowCount) => QueryValue.FromLong(Counts[group]);
}
