using Monolith.Binlog;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Files;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using Monolith.Binlog.Schema;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Replication;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// The replication client and the decoder wired as the engine's source wires them (client → handler →
/// <see cref="BinlogDecoder.Feed"/> → consumer), with a schema provider reading the server, recording what is
/// decoded. Also decodes the server's binlog files from disk with the same decoder setup, for comparisons.
/// </summary>
internal sealed class LiveDecoding : IBinlogEventHandler, IAsyncDisposable
{
    private readonly BinlogDecoder _decoder;
    private readonly TrackingSchemaProvider? _schemas;
    private readonly ReplicationClient _client;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly object _gate = new();
    private readonly List<Exception> _losses = [];
    private Task? _running;

    public LiveDecoding(PrivateMariaDb server, ReplicationOptions options, bool withSchema = true,
        BinlogDecoderOptions? decoderOptions = null, SchemaHistory? history = null, bool keepEvents = false)
    {
        Stream = new DecodedStream(keepEvents);
        _schemas = withSchema ? SchemaProvider(server, history) : null;
        _decoder = new BinlogDecoder(Stream, _schemas, decoderOptions);
        _client = new ReplicationClient(options, this);
    }

    public DecodedStream Stream { get; }

    public ReplicationClient Client => _client;

    public BinlogDecoder Decoder => _decoder;

    public SchemaHistory? History => _schemas?.History;

    public IReadOnlyList<Exception> Losses
    {
        get
        {
            lock (_gate)
            {
                return [.. _losses];
            }
        }
    }

    /// <summary>Options for the server's replication user, from a start (<c>earliest</c>, a position, ...).</summary>
    public static ReplicationOptions Options(PrivateMariaDb server, string start, int? port = null)
    {
        var options = ReplicationTestKit.Options(server, start, port);
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(500);
        return options;
    }

    /// <summary>Reads from the start to the end of the binlog and stops.</summary>
    public static async Task<DecodedStream> CatchUpAsync(PrivateMariaDb server, string start, bool withSchema = true,
        SchemaHistory? history = null, bool keepEvents = false)
    {
        var options = Options(server, start);
        options.StopAtEnd = true;
        await using var live = new LiveDecoding(server, options, withSchema, history: history, keepEvents: keepEvents);
        await live._client.RunAsync();
        return live.Stream;
    }

    /// <summary>Decodes the server's binlog files from disk, oldest first.</summary>
    public static async Task<DecodedStream> DecodeFilesAsync(PrivateMariaDb server, bool withSchema = true)
    {
        var stream = new DecodedStream();
        await using var schemas = withSchema ? SchemaProvider(server, null) : null;
        using var decoder = new BinlogDecoder(stream, schemas);
        var reader = new BinlogFileReader(decoder);
        foreach (var file in await BinlogGroundTruth.BinaryLogsAsync(server))
        {
            await reader.ReadFileAsync(Path.Combine(server.Directory, "data", file));
        }

        return stream;
    }

    public void Start() => _running = _client.RunAsync(_cancellation.Token);

    /// <summary>Waits until the condition holds, failing with the client's state when it does not.</summary>
    public Task WaitUntilAsync(Func<DecodedStream, bool> condition, string what, TimeSpan? timeout = null) =>
        ReplicationTestKit.WaitUntilAsync(() => condition(Stream),
            () => $"{what} (have {Stream.Transactions.Count} transactions, {Stream.RowCount} rows; client " +
                $"{_client.Status.State}, last error {_client.Status.LastError})", timeout, _running);

    /// <summary>Waits until the stream is open.</summary>
    public Task StreamingAsync() => ReplicationTestKit.WaitUntilAsync(
        () => _client.Status.State == ReplicationState.Streaming, "the stream", running: _running);

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await ReplicationTestKit.StopAsync(_cancellation, _running);
        _running = null;
    }

    public void OnEvent(ReadOnlySpan<byte> eventBytes) => _decoder.Feed(eventBytes);

    public ResumePoint? GetResumePoint() => _decoder.GetResumePoint();

    public void OnConnectionLost(Exception reason)
    {
        lock (_gate)
        {
            _losses.Add(reason);
        }

        _decoder.AbandonTransaction();
    }

    public void OnStreamStarted(ReplicationStreamStart start)
    {
        if (!start.IsReconnection && start.Start.Gtids is { } gtids)
        {
            _decoder.SetGtidState(gtids);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _cancellation.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _cancellation.Dispose();
        _decoder.Dispose();
        if (_schemas is not null)
        {
            await _schemas.DisposeAsync();
        }
    }

    private static TrackingSchemaProvider SchemaProvider(PrivateMariaDb server, SchemaHistory? history) =>
        new(history ?? new SchemaHistory(), new InformationSchemaReader(new ConnectionOptions
        {
            Host = server.Host,
            Port = server.Port,
            User = server.User,
            Password = server.Password,
            TlsMode = TlsMode.Disabled,
        }));
}
