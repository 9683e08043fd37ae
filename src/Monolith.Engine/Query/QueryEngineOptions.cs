namespace Monolith.Engine.Query;

/// <summary>Limits that keep one query from exhausting memory.</summary>
public sealed record QueryEngineOptions
{
    /// <summary>Most output groups an aggregation may build before it fails with a capacity error.</summary>
    public long MaxGroups { get; init; } = 5_000_000;

    /// <summary>Most rows a result may hold.</summary>
    public long MaxResultRows { get; init; } = 1_000_000;

    /// <summary>Whether aggregations may read a rollup's hour and day tiers (sums kept per coarser bucket) where
    /// the time range and grouping allow; off, every query reads the rollup's own groups. Answers are equal.</summary>
    public bool UseTiers { get; init; } = true;

    /// <summary>Whether a query with LIMIT evaluates costly aggregates (COUNT(DISTINCT), quantiles) that neither
    /// ORDER BY nor HAVING reads for the rows it keeps only; off, for every output row. Answers are equal.</summary>
    public bool DeferAggregates { get; init; } = true;
}
