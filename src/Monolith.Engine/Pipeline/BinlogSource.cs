using Microsoft.Extensions.Logging;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Replication;
using Monolith.Binlog.Schema;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The source stage: a replica connection to MySQL or MariaDB whose events go through the binlog decoder into
/// the ring. Runs on the thread that awaits <see cref="RunAsync"/>; reconnects are the replication client's.
/// </summary>
/// <remarks>
/// <code>
/// socket ──▶ ReplicationClient ──raw events──▶ BinlogDecoder ──committed transactions──▶ RingPublisher ──▶ ring
///                 ▲                                │ TABLE_MAP, DDL
///                 └── resume point ◀── publisher   └──▶ TrackingSchemaProvider (information_schema, history)
/// </code>
/// </remarks>
public sealed class BinlogSource : IBinlogEventHandler, IAsyncDisposable
{
    private readonly ReplicationOptions _options;
    private readonly RingPublisher _publisher;
    private readonly BinlogDecoder _decoder;
    private readonly TrackingSchemaProvider _schemas;
    private readonly ReplicationClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates the source; nothing connects until <see cref="RunAsync"/>.</summary>
    public BinlogSource(ReplicationOptions options, RingPublisher publisher, ILoggerFactory loggers,
        BinlogDecoderOptions? decoderOptions = null, SchemaHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _publisher = publisher;
        _logger = loggers.CreateLogger("Monolith.Source");
        _schemas = new TrackingSchemaProvider(history ?? new SchemaHistory(),
            new InformationSchemaReader(options, loggers.CreateLogger("Monolith.Schema")),
            loggers.CreateLogger("Monolith.Schema"));
        _decoder = new BinlogDecoder(publisher, _schemas, decoderOptions, loggers.CreateLogger("Monolith.Decoder"));
        _client = new ReplicationClient(options, this, loggers.CreateLogger("Monolith.Replication"));
    }

    /// <summary>The replication connection's state, for <c>/status</c>.</summary>
    public ReplicationStatus ReplicationStatus => _client.Status;

    /// <summary>The decoder's counters, for <c>/status</c>.</summary>
    public DecoderStatistics DecoderStatistics => _decoder.Statistics;

    /// <summary>The schema history the decoder answers from (part of a checkpoint).</summary>
    public SchemaHistory SchemaHistory => _schemas.History;

    /// <summary>
    /// A table's columns as the source describes them now (from the schema history, else
    /// <c>information_schema</c>), or null when unknown; used to bind rollups before any row arrives.
    /// </summary>
    public TableSchema? DescribeTable(string database, string table) =>
        database.Length == 0 ? null : _schemas.GetTable(database, table, null);

    /// <summary>Reads the binlog until cancelled or until a failure that retrying cannot mend.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        PipelineLog.SourceStarting(_logger, _options.Endpoint, _options.ServerId, _options.Start);
        return _client.RunAsync(cancellationToken);
    }

    void IBinlogEventHandler.OnEvent(ReadOnlySpan<byte> eventBytes) => _decoder.Feed(eventBytes);

    ResumePoint? IBinlogEventHandler.GetResumePoint() =>
        _publisher.LastCommitted is { } position ? new ResumePoint(position) : null;

    void IBinlogEventHandler.OnConnectionLost(Exception reason)
    {
        if (reason is not OperationCanceledException)
        {
            PipelineLog.ConnectionLost(_logger, reason.Message, _publisher.LastCommitted?.ToString() ?? "the start");
        }

        _decoder.AbandonTransaction();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _decoder.Dispose();
        await _schemas.DisposeAsync();
    }
}
