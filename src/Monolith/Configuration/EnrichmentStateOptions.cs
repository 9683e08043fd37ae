using Monolith.Engine.Enrichment;

namespace Monolith.Configuration;

/// <summary>
/// Sizes of the keyed state of joins (one FASTER store per joined table and per fact table of a joining rollup):
/// records past <see cref="MemoryBytes"/> spill to the log files under the state directory.
/// </summary>
public sealed class EnrichmentStateOptions
{
    /// <summary>Memory one store's log may use, in bytes (rounded down to a power of two).</summary>
    public long MemoryBytes { get; set; } = new EnrichmentOptions().MemoryBytes;

    /// <summary>The log's page size in bytes (a power of two); one record must fit in half a page.</summary>
    public int PageBytes { get; set; } = new EnrichmentOptions().PageBytes;

    /// <summary>Hash buckets of a store's index to begin with (a power of two); the index grows with the keys.
    /// </summary>
    public long IndexBuckets { get; set; } = new EnrichmentOptions().IndexBuckets;
}
