using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published COUNT(DISTINCT x): per group the set of value ids and its size.</summary>
internal sealed class DistinctSetSnapshot(
    RollupMetric metric,
    ColumnType inputType,
    DictionarySnapshot values,
    ColumnSnapshot<DistinctSet?> sets,
    ColumnSnapshot<long> counts) : MetricSnapshot(metric, inputType, ColumnType.Long)
{
    public DictionarySnapshot Values { get; } = values;

    public ColumnSnapshot<DistinctSet?> Sets { get; } = sets;

    public ColumnSnapshot<long> Counts { get; } = counts;

    public override QueryValue Final(int group, long rowCount) => QueryValue.FromLong(Counts[group]);
}
