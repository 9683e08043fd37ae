namespace Monolith.Engine.Rollups;

/// <summary>Settings of one rollup beyond its SQL.</summary>
public sealed record RollupOptions
{
    /// <summary>
    /// Time zone whose wall clock calendar units (days, weeks, months) follow, when TIME_FLOOR names none.
    /// Null means UTC. A DATETIME source column is a wall-clock value already and should keep UTC here.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Buckets whose start is older than this age are dropped by the writer; null keeps everything.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>
    /// Per group, APPROX_COUNT_DISTINCT keeps exact value counts up to this many distinct values (so retractions
    /// stay exact) and switches to a HyperLogLog sketch beyond.
    /// </summary>
    public int ExactDistinctLimit { get; init; } = 1024;
}
