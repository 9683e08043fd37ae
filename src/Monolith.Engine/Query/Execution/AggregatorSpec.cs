using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;

namespace Monolith.Engine.Query.Execution;

/// <summary>One aggregate of a query: how to make its accumulator once the number of output slots is known.</summary>
internal sealed class AggregatorSpec(string text, ColumnType type, Func<int, Accumulator> create, GroupFilter? filter)
{
    public string Text { get; } = text;

    public ColumnType Type { get; } = type;

    public GroupFilter? Filter { get; } = filter;

    /// <summary>Set for the aggregates that simply add up or take extremes (row counts, exact integer sums, MIN,
    /// MAX), which tiers and the typed loops of <see cref="TieredAggregation"/> can answer; null for the
    /// others.</summary>
    public AdditiveAggregate? Additive { get; init; }

    /// <summary>True for the aggregates that cost far more per group than adding (exact and approximate
    /// COUNT(DISTINCT), quantiles): when ORDER BY, LIMIT and HAVING do not read them, a query evaluates them for
    /// the rows it keeps only.</summary>
    public bool Deferrable { get; init; }

    public Accumulator Create(int slotCount) => create(slotCount);
}

/// <summary>
/// An aggregate that combines groups by adding or by taking an extreme: COUNT(*) (or SUM of a COUNT(*) metric)
/// when both readers are null, SUM over metric <see cref="Metric"/> whose published sums are exact 128-bit
/// integers, or MIN or MAX over a MIN or MAX metric.
/// </summary>
internal sealed record AdditiveAggregate(int Metric, SumSnapshot? Sums, Rollups.Tiers.ExtremeReader? Extremes);
