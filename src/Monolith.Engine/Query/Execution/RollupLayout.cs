using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// Column slots of a rollup as expressions over its groups see them: 0 is <c>__time</c>, then the dimensions,
/// then the metrics (finalised values), in definition order.
/// </summary>
internal sealed class RollupLayout(RollupVersion version)
{
    public RollupVersion Version { get; } = version;

    /// <summary>The rollup's tiers, when the query may read them.</summary>
    public Rollups.Tiers.RollupTiers? Tiers { get; init; }

    public int DimensionCount => Version.Definition.Dimensions.Count;

    public int MetricCount => Version.Definition.Metrics.Count;

    public int SlotCount => 1 + DimensionCount + MetricCount;

    public const int TimeSlot = 0;

    public bool IsDimension(int slot) => slot >= 1 && slot <= DimensionCount;

    public bool IsMetric(int slot) => slot > DimensionCount;

    public int DimensionIndex(int slot) => slot - 1;

    public int MetricIndex(int slot) => slot - 1 - DimensionCount;

    public int DimensionSlot(int dimension) => 1 + dimension;

    public int MetricSlot(int metric) => 1 + DimensionCount + metric;

    public RollupColumn Column(int slot) => Version.Columns[slot];

    /// <summary>The slot of a column name, or -1.</summary>
    public int Find(string name)
    {
        for (var slot = 0; slot < Version.Columns.Count; slot++)
        {
            if (Version.Columns[slot].Name == name)
            {
                return slot;
            }
        }

        return -1;
    }
}
