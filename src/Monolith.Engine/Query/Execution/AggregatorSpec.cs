using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution;

/// <summary>One aggregate of a query: how to make its accumulator once the number of output slots is known.</summary>
internal sealed class AggregatorSpec(string text, ColumnType type, Func<int, Accumulator> create, GroupFilter? filter)
{
    public string Text { get; } = text;

    public ColumnType Type { get; } = type;

    public GroupFilter? Filter { get; } = filter;

    public Accumulator Create(int slotCount) => create(slotCount);
}
