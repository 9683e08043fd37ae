using Microsoft.Extensions.Logging;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Replication;
using Monolith.Engine.Query;
using Monolith.Engine.Rings;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The whole pipeline in one object: a replica connection tailing the binlog, the ring, the compute stage on
/// its own thread, and the rollup store with its query engine.
/// </summary>
/// <remarks>
/// <code>
/// MySQL/MariaDB ──▶ BinlogSource ──ring──▶ ChangeProcessor ──▶ RollupStore ──▶ QueryEngine
///   (source thread: socket, decode,        (compute thread: rows to Arrow,   (readers pin a
///    stage until commit)                    transforms, apply, publish)       published version)
/// </code>
/// </remarks>
public sealed class MonolithPipeline : IAsyncDisposable
{
    private readonly RingBuffer<ChangeSlot> _ring;
    private readonly BinlogSource _source;
    private readonly ChangeProcessor _processor;
    private readonly ILogger _logger;
    private readonly RingPublisher _publisher;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private Exception? _computeFailure;

    /// <summary>Builds the pipeline and binds every rollup to its table, reading the source's schema.</summary>
    /// <exception cref="RollupDefinitionException">A rollup's SQL does not fit its table.</exception>
    public MonolithPipeline(ReplicationOptions source, IReadOnlyList<RollupDefinition> rollups,
        ILoggerFactory loggers, PipelineOptions? options = null, BinlogDecoderOptions? decoderOptions = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        options ??= new PipelineOptions();
        Options = options;
        _logger = loggers.CreateLogger("Monolith.Pipeline");
        _ring = new RingBuffer<ChangeSlot>(options.RingCapacity, () => new ChangeSlot(), WaitStrategy.Blocking());
        var reader = _ring.AddReader();
        ChangeProcessor? processor = null;
        _publisher = new RingPublisher(_ring, (database, table) => processor!.Wants(database, table), _logger,
            _stopping.Token, options.ProcessOnSourceThread ? () => processor!.TryRunInline() : null);
        _source = new BinlogSource(source, _publisher, loggers, decoderOptions);
        Store = new RollupStore();
        Counters = new PipelineCounters(options.RecentErrors);
        processor = new ChangeProcessor(reader, Store, rollups, _source.DescribeTable, options, Counters, _logger);
        _processor = processor;
        Queries = new QueryEngine(Store);
    }

    /// <summary>The batching and publishing options in force.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The rollups, as published.</summary>
    public RollupStore Store { get; }

    /// <summary>Queries over the published rollups.</summary>
    public QueryEngine Queries { get; }

    /// <summary>What the compute stage did.</summary>
    public PipelineCounters Counters { get; }

    /// <summary>The replication connection's state.</summary>
    public ReplicationStatus SourceStatus => _source.ReplicationStatus;

    /// <summary>The decoder's counters.</summary>
    public DecoderStatistics DecoderStatistics => _source.DecoderStatistics;

    /// <summary>Committed transactions the source handed to the ring.</summary>
    public long TransactionsHandedOn => _publisher.Transactions;

    /// <summary>What the enrichment stage holds (dimension tables, recorded joins), or null when no rollup joins.
    /// </summary>
    public Enrichment.EnrichmentStatus? EnrichmentStatus => _processor.EnrichmentStatus;

    /// <summary>What the joins of each joining rollup met.</summary>
    public IEnumerable<Enrichment.JoinCounters> JoinCounters => _processor.JoinCounters;

    /// <summary>Why rollups could not be bound to their table's current shape, by rollup name.</summary>
    public IReadOnlyDictionary<string, string> BindingErrors => _processor.BindingErrors;

    /// <summary>
    /// Runs the pipeline until cancelled or until the source fails for good. On the way out the ring is
    /// drained: every transaction the source handed on is applied and published.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var compute = new Thread(RunCompute)
        {
            Name = "monolith-compute",
            IsBackground = true,
        };
        compute.Start();
        using var link = cancellationToken.Register(_stopping.Cancel);
        try
        {
            await _source.RunAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Asked to stop.
        }
        catch (Exception e)
        {
            PipelineLog.SourceFailed(_logger, e, e.Message);
            throw;
        }
        finally
        {
            _ring.Complete();
            await Task.Run(compute.Join, CancellationToken.None);
        }

        if (Volatile.Read(ref _computeFailure) is { } failure)
        {
            throw new InvalidOperationException($"The compute stage stopped: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// The compute thread. A failure there (enrichment state that cannot grow, say) stops the source too, and
    /// <see cref="RunAsync"/> reports it, rather than ending the process from a thread nobody observes.
    /// </summary>
    private void RunCompute()
    {
        try
        {
            _processor.Run(CancellationToken.None);
        }
        catch (Exception e)
        {
            Volatile.Write(ref _computeFailure, e);
            PipelineLog.ComputeFailed(_logger, e, e.Message);
            _stopping.Cancel();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _processor.Dispose();
        await _source.DisposeAsync();
        _stopping.Dispose();
    }
}
