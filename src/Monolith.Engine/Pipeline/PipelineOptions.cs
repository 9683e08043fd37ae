using Monolith.Engine.Enrichment;

namespace Monolith.Engine.Pipeline;

/// <summary>How the pipeline batches, publishes and keeps the state of joins.</summary>
public sealed record PipelineOptions
{
    /// <summary>Slots in the ring between the source and the compute stage (a power of two).</summary>
    public int RingCapacity { get; init; } = 4096;

    /// <summary>Rows in one change batch before it is applied (the working state, not yet visible).</summary>
    public int BatchRows { get; init; } = 8192;

    /// <summary>Under load, rows applied before a new version is published.</summary>
    public long PublishRows { get; init; } = 65_536;

    /// <summary>Under load, the longest time between two published versions.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Whether the source thread processes and publishes a transaction itself when the compute thread is idle,
    /// which saves the wake-up of a sleeping thread (milliseconds on a busy machine) on a quiet stream.
    /// </summary>
    public bool ProcessOnSourceThread { get; init; } = true;

    /// <summary>Rejected changes kept for <c>/status</c>.</summary>
    public int RecentErrors { get; init; } = 10;

    /// <summary>Where and how the state of joined tables is kept (dimension rows, and the joined values of each
    /// fact row).</summary>
    public EnrichmentOptions Enrichment { get; init; } = new();
}
