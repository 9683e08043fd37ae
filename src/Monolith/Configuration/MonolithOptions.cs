namespace Monolith.Configuration;

/// <summary>
/// The whole configuration: one JSON file, overridden by <c>MONOLITH__Section__Key</c> environment variables
/// and by <c>--Section:Key=value</c> arguments, as the .NET host binds them.
/// </summary>
public sealed class MonolithOptions
{
    public SourceOptions Source { get; set; } = new();

    /// <summary>Rollups by name. Bound by <see cref="RollupOptions.ReadAll"/>, not by the binder.</summary>
    public IReadOnlyList<RollupOptions> Rollups { get; set; } = [];

    public HttpOptions Http { get; set; } = new();

    public StateOptions State { get; set; } = new();
}

/// <summary>Where the binlog comes from and how the replica connects.</summary>
public sealed class SourceOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 3306;

    public string User { get; set; } = "monolith";

    /// <summary>The replication user's password. It never appears in logs, errors or <c>/status</c>.</summary>
    public string Password { get; set; } = "";

    /// <summary>The replica's server id; it must differ from every other replica of the same server.</summary>
    public uint ServerId { get; set; } = 4201;

    /// <summary>
    /// Where to start without a checkpoint: <c>earliest</c> (the oldest binlog on the server), <c>latest</c>,
    /// <c>file:offset</c>, a MySQL GTID set or a MariaDB GTID position.
    /// </summary>
    public string Start { get; set; } = "earliest";

    /// <summary>TLS: <c>Disabled</c>, <c>Preferred</c>, <c>Required</c>, <c>VerifyCA</c> or <c>VerifyIdentity</c>.</summary>
    public string SslMode { get; set; } = "Preferred";

    /// <summary>A PEM file with the certificate authority that signs the server's certificate.</summary>
    public string? SslCa { get; set; }

    /// <summary>Heartbeat period the server is asked for; a silent connection is dead after three of them.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
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
    public string Directory { get; set; } = "state";
}
