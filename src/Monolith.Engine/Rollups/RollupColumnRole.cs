namespace Monolith.Engine.Rollups;

/// <summary>What a rollup column is.</summary>
public enum RollupColumnRole
{
    /// <summary>The bucket start, <c>__time</c>.</summary>
    Time,

    /// <summary>A grouping column.</summary>
    Dimension,

    /// <summary>An aggregate.</summary>
    Metric,
}
