namespace Monolith.Engine.Enrichment;

/// <summary>
/// Where and how enrichment keeps its keyed state (dimension rows by primary key, and per fact row the joined
/// values it was counted with).
/// </summary>
public sealed record EnrichmentOptions
{
    /// <summary>
    /// A directory for the state's on-disk logs (one folder per store under <c>enrichment/</c>); state past
    /// <see cref="MemoryBytes"/> spills there. Null keeps every store in memory, where outgrowing
    /// <see cref="MemoryBytes"/> stops the pipeline with a clear error instead of losing state.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Memory one store's log may use, in bytes (rounded down to a power of two). Pages are allocated
    /// as the log grows, so an idle store uses little of it.</summary>
    public long MemoryBytes { get; init; } = 1L << 30;

    /// <summary>The log's page size in bytes (a power of two); a state record must fit in half a page.</summary>
    public int PageBytes { get; init; } = 1 << 22;

    /// <summary>Hash buckets of a store's index to begin with (a power of two, 7 keys each); the index doubles
    /// when the keys outgrow it.</summary>
    public long IndexBuckets { get; init; } = 1L << 16;

    /// <summary>Checks the values against each other.</summary>
    /// <exception cref="ArgumentException">A size is not a power of two or out of range.</exception>
    public void Validate()
    {
        if (PageBytes < 4096 || (PageBytes & (PageBytes - 1)) != 0)
        {
            throw new ArgumentException(
                $"Enrichment PageBytes must be a power of two of at least 4096, not {PageBytes}");
        }

        if (MemoryBytes < 4L * PageBytes)
        {
            throw new ArgumentException(
                $"Enrichment MemoryBytes ({MemoryBytes}) must hold at least four pages of {PageBytes} bytes");
        }

        if (IndexBuckets < 64 || (IndexBuckets & (IndexBuckets - 1)) != 0)
        {
            throw new ArgumentException(
                $"Enrichment IndexBuckets must be a power of two of at least 64, not {IndexBuckets}");
        }
    }
}
