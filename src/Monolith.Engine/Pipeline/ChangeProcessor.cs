using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Monolith.Binlog;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Engine.Changes;
using Monolith.Engine.Enrichment;
using Monolith.Engine.Enrichment.Dimensions;
using Monolith.Engine.Enrichment.Facts;
using Monolith.Engine.Rings;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The compute stage, on a thread of its own: reads committed transactions from the ring, decodes their rows
/// into per-table Arrow change batches, runs each rollup's compiled transform over them, applies the result to
/// the rollup store, and publishes a new version of every rollup at a commit boundary. Rows of the tables rollups
/// join update the enrichment stage's dimension state in stream order, so that a fact row is joined with the
/// dimension rows as they stand at its place in the binlog.
/// </summary>
/// <remarks>
/// Publishing is grouped: after the slots the ring had ready are processed, the stage publishes at once if the
/// ring is empty (a quiet shop sees each transaction within microseconds of its hand-off), and otherwise when
/// <see cref="PipelineOptions.PublishRows"/> rows or <see cref="PipelineOptions.PublishInterval"/> have gone by,
/// always at the end of a whole transaction. A batch may close in the middle of a large transaction; its rows
/// are applied to the working state, which readers do not see before the publish.
/// <para>Threads: the stage runs on its own thread, and also, when that thread is idle, on the source thread
/// right after a commit is handed on (<see cref="TryRunInline"/>). A turn taken with an atomic exchange makes
/// sure only one of them touches the reader and the state at a time, and orders their accesses.</para>
/// </remarks>
public sealed class ChangeProcessor : IDisposable
{
    private readonly RingReader<ChangeSlot> _reader;
    private readonly RollupStore _store;
    private readonly PipelineOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<(string, string), TableChanges> _tables = [];
    private readonly List<TableChanges> _tableList = [];
    private readonly PipelineCounters _counters;
    private readonly EnrichmentStage? _enrichment;
    private readonly List<DimensionTable> _dimensions = [];
    private bool _pending;
    private BinlogPosition _pendingPosition;
    private uint _pendingTimestamp;
    private long _pendingTicks;
    private long[] _pendingCommitTicks = new long[256];
    private int _pendingCommits;
    private long _rowsSincePublish;
    private long _lastPublishTicks;
    private int[] _dimensionScratch = [];
    private int _turn;
    private Exception? _inlineFailure;

    /// <summary>Prepares the stage and registers the rollups in the store.</summary>
    /// <param name="reader">The ring's reader.</param>
    /// <param name="store">The rollups' store; one rollup is added per definition.</param>
    /// <param name="rollups">The rollup definitions.</param>
    /// <param name="describe">A source table as known before its rows arrive, or null; rollups are bound (and
    /// their errors reported) at start-up when it answers.</param>
    /// <param name="options">Batching, publishing, and the state of joined tables.</param>
    /// <param name="counters">Where the stage counts what it does.</param>
    /// <param name="logger">Operator log.</param>
    /// <exception cref="RollupDefinitionException">A rollup cannot be bound to its table's columns, or joins in a
    /// way enrichment does not support.</exception>
    /// <exception cref="ArgumentException">The enrichment options are out of range.</exception>
    public ChangeProcessor(RingReader<ChangeSlot> reader, RollupStore store, IReadOnlyList<RollupDefinition> rollups,
        Func<string, string, TableSchema?> describe, PipelineOptions options, PipelineCounters counters,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(options);
        _reader = reader;
        _store = store;
        _options = options;
        _counters = counters;
        _logger = logger;
        _enrichment = EnrichmentStage.Create(rollups, describe, options.Enrichment, logger);
        var batchOptions = new ChangeBatchOptions { MaxRows = options.BatchRows };
        foreach (var group in rollups.GroupBy(r => (r.SourceDatabase ?? "", r.SourceTable)))
        {
            var enrichment = _enrichment?.ForFact(group.Key.Item1, group.Key.SourceTable, [.. group]);
            var table = new TableChanges(group.Key.Item1, group.Key.SourceTable, [.. group], batchOptions,
                enrichment);
            if (table.Database.Length > 0 && describe(table.Database, table.Table) is { } schema)
            {
                table.Bind(SchemaColumns.Of(schema),
                    [.. schema.Columns.Where(c => c.IsPrimaryKey).Select(c => c.Name)], throwOnError: true);
            }

            _tables[(table.Database, table.Table)] = table;
            _tableList.Add(table);
            for (var i = 0; i < table.Rollups.Count; i++)
            {
                _store.Add(table.Rollups[i], table.Bindings[i]?.OutputSchema);
            }
        }
    }

    /// <summary>Whether a rollup reads the table, or joins it (called on the source thread).</summary>
    public bool Wants(string database, string table) =>
        _tables.ContainsKey((database, table)) || _tables.ContainsKey(("", table)) ||
        _enrichment?.IsDimension(database, table) == true;

    /// <summary>What the enrichment stage holds, or null when no rollup joins.</summary>
    public EnrichmentStatus? EnrichmentStatus => _enrichment?.Status();

    /// <summary>What the joins of each joining rollup met.</summary>
    public IEnumerable<JoinCounters> JoinCounters => _enrichment?.Counters ?? [];

    /// <summary>Why rollups could not be bound to their table's current shape, by rollup name.</summary>
    public IReadOnlyDictionary<string, string> BindingErrors
    {
        get
        {
            var errors = new Dictionary<string, string>();
            foreach (var table in _tableList)
            {
                for (var i = 0; i < table.Rollups.Count; i++)
                {
                    if (Volatile.Read(ref table.BindingErrors[i]) is { } error)
                    {
                        errors[table.Rollups[i].Name] = error;
                    }
                }
            }

            return errors;
        }
    }

    /// <summary>Runs until the ring is completed and drained, or until cancelled. A failure of processing on the
    /// source thread (see <see cref="TryRunInline"/>) is thrown here, as if it had happened on this thread.
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        PipelineLog.ComputeStarted(_logger, _store.Rollups.Count, _tableList.Count);
        try
        {
            do
            {
                // Slots an inline run failed on stay unreleased, so the wait below ends and this reports it.
                if (Volatile.Read(ref _inlineFailure) is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                if (TryTakeTurn())
                {
                    try
                    {
                        Drain();
                    }
                    finally
                    {
                        Volatile.Write(ref _turn, 0);
                    }
                }
                else
                {
                    WaitForTurn();
                }
            }
            while (_reader.WaitAvailable(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what was published stays published.
        }

        WaitForTurn();
        if (TryTakeTurn())
        {
            Publish();
            Volatile.Write(ref _turn, 0);
        }

        PipelineLog.ComputeStopped(_logger, _counters.Transactions);
    }

    /// <summary>
    /// Called by the source thread right after it handed on a commit: when the compute thread is idle, processes
    /// what the ring holds (that transaction) and publishes it on the calling thread, which is running anyway,
    /// instead of waking the compute thread; a sleeping thread takes milliseconds to be scheduled on a busy
    /// machine. When the compute thread is at work, returns at once, and the stages stay pipelined.
    /// </summary>
    /// <returns>Whether this call processed the ring.</returns>
    public bool TryRunInline()
    {
        if (Volatile.Read(ref _inlineFailure) is not null || !TryTakeTurn())
        {
            return false;
        }

        try
        {
            Drain();
        }
        catch (Exception e)
        {
            // Reported by the compute thread, which stops the pipeline as for its own failures.
            Volatile.Write(ref _inlineFailure, e);
        }
        finally
        {
            Volatile.Write(ref _turn, 0);
        }

        return true;
    }

    /// <summary>Takes the turn to process the ring; the turn's holder alone touches the reader and the state.
    /// </summary>
    private bool TryTakeTurn() => Volatile.Read(ref _turn) == 0 && Interlocked.CompareExchange(ref _turn, 1, 0) == 0;

    /// <summary>Waits while the source thread processes inline (a short while, one transaction).</summary>
    private void WaitForTurn()
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _turn) != 0)
        {
            spinner.SpinOnce();
        }
    }

    /// <summary>Processes everything the ring holds, publishing under load as the options say and at once when
    /// the ring is empty.</summary>
    private void Drain()
    {
        while (_reader.TryRead(out var range))
        {
            for (var sequence = range.First; sequence <= range.Last; sequence++)
            {
                Process(_reader[sequence]);
            }

            _reader.Release(range);
            if (_pending && (_rowsSincePublish >= _options.PublishRows ||
                Stopwatch.GetElapsedTime(_lastPublishTicks) >= _options.PublishInterval))
            {
                Publish();
            }
        }

        Publish();
    }

    private void Process(ChangeSlot slot)
    {
        switch (slot.Kind)
        {
            case ChangeSlotKind.Rows:
                ProcessRows(slot);
                break;
            case ChangeSlotKind.Commit:
                _pending = true;
                _pendingPosition = slot.Position;
                _pendingTimestamp = slot.Timestamp;
                _pendingTicks = slot.PublishedTicks;
                AddPendingCommit(slot.PublishedTicks);
                _counters.AddTransaction();
                break;
            case ChangeSlotKind.Progress:
                _pending = true;
                _pendingPosition = slot.Position;
                break;
            case ChangeSlotKind.SchemaChange:
                // The table's next rows come with a new decoder; TryUse compares its columns and rebinds.
                _counters.AddSchemaChange();
                break;
        }
    }

    private void ProcessRows(ChangeSlot slot)
    {
        var decoder = slot.Table!;
        if (_enrichment is not null)
        {
            ApplyDimensions(slot, decoder);
        }

        if (!_tables.TryGetValue((decoder.Database, decoder.Table), out var table) &&
            !_tables.TryGetValue(("", decoder.Table), out table))
        {
            return;
        }

        if (!table.TryUse(decoder))
        {
            Flush(table);
            if (table.Builder is not null)
            {
                PipelineLog.TableRebound(_logger, table.Name, slot.Header.Position?.ToString() ?? "?");
            }

            table.Bind(RowImageAppender.ColumnsOf(decoder), TableChanges.PrimaryKeyOf(decoder), throwOnError: false);
            for (var i = 0; i < table.Rollups.Count; i++)
            {
                if (table.BindingErrors[i] is { } error)
                {
                    PipelineLog.RollupUnbound(_logger, table.Rollups[i].Name, table.Name, error);
                }
            }

            table.TryUse(decoder);
        }

        var builder = table.Builder!;
        var appender = table.Appender!;
        var rows = 0;
        try
        {
            foreach (var change in new RowsEventReader(decoder, slot.Header, slot.Body, table.Scratch))
            {
                if (table.Enrichment is { } enrichment)
                {
                    AppendJoined(builder, appender, enrichment, change);
                }
                else
                {
                    switch (change.Kind)
                    {
                        case RowChangeKind.Insert:
                            appender.Append(builder, change.After, 1);
                            break;
                        case RowChangeKind.Delete:
                            appender.Append(builder, change.Before, -1);
                            break;
                        default:
                            appender.Append(builder, change.Before, -1);
                            appender.Append(builder, change.After, 1);
                            break;
                    }
                }

                rows++;
                if (builder.IsFull)
                {
                    Flush(table);
                }
            }
        }
        catch (BinlogException e)
        {
            builder.AbortRow();
            table.Enrichment?.Abandon();
            _counters.AddRejected(table.Name, e.Message);
        }

        _counters.AddRows(rows);
        _rowsSincePublish += rows;
    }

    /// <summary>
    /// Appends one row change of a fact table with its joined columns: an image that enters is joined with the
    /// dimension rows as they stand now; an image that leaves carries the values it was joined with when it
    /// entered.
    /// </summary>
    private void AppendJoined(ChangeBatchBuilder builder, RowImageAppender appender, FactEnrichment enrichment,
        in RowChange change)
    {
        if (change.Kind != RowChangeKind.Insert)
        {
            builder.BeginRow(-1);
            appender.AppendValues(builder, change.Before);
            enrichment.AppendRemoved(builder, change.Before, deleting: change.Kind == RowChangeKind.Delete);
            builder.EndRow();
        }

        if (change.Kind != RowChangeKind.Delete)
        {
            builder.BeginRow(1);
            appender.AppendValues(builder, change.After);
            if (enrichment.AppendAdded(builder, change.After))
            {
                _counters.AddFactWithoutDimensionRow();
            }

            builder.EndRow();
        }
    }

    /// <summary>Applies the rows of a joined table to its dimension state, in stream order.</summary>
    private void ApplyDimensions(ChangeSlot slot, TableDecoder decoder)
    {
        _enrichment!.DimensionsOf(decoder, _dimensions);
        if (_dimensions.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var change in new RowsEventReader(decoder, slot.Header, slot.Body, ScratchFor(decoder)))
            {
                foreach (var dimension in _dimensions)
                {
                    dimension.Apply(decoder, change);
                }
            }
        }
        catch (BinlogException e)
        {
            _counters.AddRejected(decoder.Database + "." + decoder.Table, e.Message);
        }
    }

    private Span<int> ScratchFor(TableDecoder decoder)
    {
        if (_dimensionScratch.Length < decoder.ScratchLength)
        {
            _dimensionScratch = new int[decoder.ScratchLength];
        }

        return _dimensionScratch;
    }

    /// <summary>Applies a table's open batch to its rollups' working state.</summary>
    private void Flush(TableChanges table)
    {
        using var batch = table.Builder?.Close();
        if (batch is null)
        {
            return;
        }

        for (var i = 0; i < table.Rollups.Count; i++)
        {
            if (table.Bindings[i] is not { } binding)
            {
                _counters.AddRejected(table.Rollups[i].Name, table.BindingErrors[i] ?? "not bound", batch.Length);
                continue;
            }

            try
            {
                if (binding.Project(batch.RecordBatch) is { } projected)
                {
                    _store[binding.Definition.Name].Apply(projected);
                }
            }
            catch (RollupSchemaException e)
            {
                _counters.AddRejected(binding.Definition.Name, e.Message, batch.Length);
            }
        }

        _counters.AddBatch();
    }

    /// <summary>Applies every open batch and publishes a new version of every rollup.</summary>
    private void Publish()
    {
        if (!_pending)
        {
            return;
        }

        foreach (var table in _tableList)
        {
            Flush(table);
        }

        var position = new PipelinePosition(_pendingPosition, _pendingTimestamp, _pendingTicks);
        _store.Commit(position);
        var now = Stopwatch.GetTimestamp();
        _counters.Published(position,
            _pendingTicks == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_pendingTicks, now));
        for (var i = 0; i < _pendingCommits; i++)
        {
            _counters.CommitToVisible.Record(now - _pendingCommitTicks[i]);
        }

        _pendingCommits = 0;
        _pending = false;
        _rowsSincePublish = 0;
        _lastPublishTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>Keeps a transaction's hand-off time until the version holding it is published. The list grows to
    /// the most transactions one publish has covered (a catch-up of small transactions) and is reused.</summary>
    private void AddPendingCommit(long ticks)
    {
        if (ticks == 0)
        {
            return;
        }

        if (_pendingCommits == _pendingCommitTicks.Length)
        {
            Array.Resize(ref _pendingCommitTicks, _pendingCommits * 2);
        }

        _pendingCommitTicks[_pendingCommits++] = ticks;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var table in _tableList)
        {
            table.Dispose();
        }

        _enrichment?.Dispose();
    }
}
