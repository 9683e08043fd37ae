namespace Monolith.Engine.Enrichment;

/// <summary>The enrichment stage's state, for <c>/status</c>.</summary>
/// <param name="Dimensions">The dimension tables captured for joins.</param>
/// <param name="Facts">The fact tables whose rollups join, with their recorded joins.</param>
public sealed record EnrichmentStatus(IReadOnlyList<DimensionStatus> Dimensions, IReadOnlyList<FactStateStatus> Facts);
