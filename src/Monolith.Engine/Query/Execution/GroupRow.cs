using Monolith.Engine.Query.Expressions;

namespace Monolith.Engine.Query.Execution;

/// <summary>One rollup group as an expression row: time, dimension values and finalised metrics.</summary>
internal sealed class GroupRow(RollupLayout layout) : IValueSource
{
    public RollupLayout Layout => layout;

    public int Group { get; set; }

    public QueryValue Get(int slot)
    {
        var version = layout.Version;
        if (slot == RollupLayout.TimeSlot)
        {
            return QueryValue.FromTimestamp(version.Time[Group]);
        }

        if (layout.IsDimension(slot))
        {
            var d = layout.DimensionIndex(slot);
            return version.Dictionaries[d]?.GetValue(version.Dimensions[d][Group]) ?? QueryValue.Null;
        }

        var metric = version.Metrics[layout.MetricIndex(slot)];
        return metric?.Final(Group, version.RowCounts[Group]) ?? QueryValue.Null;
    }
}
