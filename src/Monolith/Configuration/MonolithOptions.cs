using Monolith.Binlog.Replication;
using Monolith.Engine.Enrichment;

namespace Monolith.Configuration;

/// <summary>
/// The whole configuration: one JSON file, overridden by <c>MONOLITH__Section__Key</c> environment variables
/// and by <c>--Section:Key=value</c> arguments, as the .NET host binds them.
/// </summary>
public sealed class MonolithOptions
{
    /// <summary>The replica connection: the <c>Source</c> section,
    /// bound onto the replication client's options.</summary>
    public ReplicationOptions Source { get; set; } = new() { User = "monolith", ServerId = 4201 };

    /// <summary>Rollups by name. Bound by <see cref="RollupConfiguration.ReadAll"/>, not by the binder.</summary>
    public IReadOnlyList<RollupConfiguration> Rollups { get; set; } = [];

    public HttpOptions Http { get; set; } = new();

    public StateOptions State { get; set; } = new();
}

/// <summary>The HTTP API (Druid's paths, status, metrics, the web page).</summary>
public sealed class HttpOptions
{
    /// <summary>Address to listen on; loopback by default.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8082";

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 1 << 20;
}

/// <summary>Where state and checkpoints live.</summary>
public sealed class StateOptions
{
    /// <summary>The state directory; the keyed state of joins keeps its logs under <c>enrichment/</c> in it.</summary>
    public string Directory { get; set; } = "state";

    /// <summary>The keyed state of joins: the <c>State:Enrichment</c> section.</summary>
    public EnrichmentStateOptions Enrichment { get; set; } = new();

    /// <summary>The enrichment stage's options: state in <see cref="Directory"/>, sizes as configured.</summary>
    /// <exception cref="ArgumentException">A size is not a power of two or out of range.</exception>
    public EnrichmentOptions ToEnrichmentOptions()
    {
        var options = new EnrichmentOptions
        {
            StateDirectory = Directory,
            MemoryBytes = Enrichment.MemoryBytes,
            PageBytes = Enrichment.PageBytes,
            IndexBuckets = Enrichment.IndexBuckets,
        };
        options.Validate();
        return options;
    }
}
