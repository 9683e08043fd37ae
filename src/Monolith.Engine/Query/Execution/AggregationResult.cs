namespace Monolith.Engine.Query.Execution;

/// <summary>The output of an aggregation: per slot, the key values and the finalised aggregates.</summary>
internal sealed class AggregationResult(int slotCount, QueryValue[][] keys, QueryValue[][] aggregates,
    SlotTable table)
{
    public int SlotCount { get; } = slotCount;

    /// <summary>Key values, [key part][slot].</summary>
    public QueryValue[][] Keys { get; } = keys;

    /// <summary>Aggregate values, [aggregate][slot].</summary>
    public QueryValue[][] Aggregates { get; } = aggregates;

    /// <summary>The slots' key codes, as the key parts read them from groups.</summary>
    public SlotTable Table { get; } = table;
}
