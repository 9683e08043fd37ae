using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published APPROX_COUNT_DISTINCT sketches.</summary>
internal sealed class DistinctSketchSnapshot(
    RollupMetric metric, ColumnType inputType, ColumnSnapshot<DistinctSketch?> sketches)
    : MetricSnapshot(metric, inputType, ColumnType.Long)
{
    public ColumnSnapshot<DistinctSketch?> Sketches { get; } = sketches;

    public override QueryValue Final(int group, long rowCount) =>
        QueryValue.FromLong(Sketches[group]?.Estimate() ?? 0);
}
