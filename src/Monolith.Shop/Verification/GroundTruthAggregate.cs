namespace Monolith.Shop.Verification;

/// <summary>One aggregate of a rollup: its output name, function and column (none for COUNT(*)).</summary>
public sealed record GroundTruthAggregate(string Name, AggregateFunction Function, string? Column = null);
