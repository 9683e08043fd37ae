using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>An aggregate over a metric of a rollup that has received no batch yet: NULL (or 0 for counts).</summary>
internal sealed class NullAccumulator(ColumnType type, QueryValue value) : Accumulator(type)
{
    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
    }

    public override QueryValue Result(int slot) => value;
}
