namespace Monolith.Engine.Query;

/// <summary>Limits that keep one query from exhausting memory.</summary>
public sealed record QueryEngineOptions
{
    /// <summary>Most output groups an aggregation may build before it fails with a capacity error.</summary>
    public long MaxGroups { get; init; } = 5_000_000;

    /// <summary>Most rows a result may hold.</summary>
    public long MaxResultRows { get; init; } = 1_000_000;
}
