using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Monolith.Binlog;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Rings;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The compute stage, on a thread of its own: reads committed transactions from the ring, decodes their rows
/// into per-table Arrow change batches, runs each rollup's compiled transform over them, applies the result to
/// the rollup store, and publishes a new version of every rollup at a commit boundary.
/// </summary>
/// <remarks>
/// Publishing is grouped: after the slots the ring had ready are processed, the stage publishes at once if the
/// ring is empty (a quiet shop sees each transaction within microseconds of its hand-off), and otherwise when
/// <see cref="PipelineOptions.PublishRows"/> rows or <see cref="PipelineOptions.PublishInterval"/> have gone by,
/// always at the end of a whole transaction. A batch may close in the middle of a large transaction; its rows
/// are applied to the working state, which readers do not see before the publish.
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
    private bool _pending;
    private BinlogPosition _pendingPosition;
    private uint _pendingTimestamp;
    private long _pendingTicks;
    private long _rowsSincePublish;
    private long _lastPublishTicks;

    /// <summary>Prepares the stage and registers the rollups in the store.</summary>
    /// <param name="reader">The ring's reader.</param>
    /// <param name="store">The rollups' store; one rollup is added per definition.</param>
    /// <param name="rollups">The rollup definitions.</param>
    /// <param name="tableColumns">The columns of a source table as known before its rows arrive, or null;
    /// rollups are bound (and their errors reported) at start-up when it answers.</param>
    /// <param name="options">Batching and publishing.</param>
    /// <param name="counters">Where the stage counts what it does.</param>
    /// <param name="logger">Operator log.</param>
    /// <exception cref="RollupDefinitionException">A rollup cannot be bound to its table's columns.</exception>
    public ChangeProcessor(RingReader<ChangeSlot> reader, RollupStore store, IReadOnlyList<RollupDefinition> rollups,
        Func<string, string, IReadOnlyList<ChangeColumn>?> tableColumns, PipelineOptions options,
        PipelineCounters counters, ILogger logger)
    {
        _reader = reader;
        _store = store;
        _options = options;
        _counters = counters;
        _logger = logger;
        var batchOptions = new ChangeBatchOptions { MaxRows = options.BatchRows };
        foreach (var group in rollups.GroupBy(r => (r.SourceDatabase ?? "", r.SourceTable)))
        {
            var table = new TableChanges(group.Key.Item1, group.Key.SourceTable, [.. group], batchOptions);
            if (tableColumns(table.Database, table.Table) is { } columns)
            {
                table.Bind(columns, throwOnError: true);
            }

            _tables[(table.Database, table.Table)] = table;
            _tableList.Add(table);
            for (var i = 0; i < table.Rollups.Count; i++)
            {
                _store.Add(table.Rollups[i], table.Bindings[i]?.OutputSchema);
            }
        }
    }

    /// <summary>Whether a rollup reads the table (called on the source thread).</summary>
    public bool Wants(string database, string table) =>
        _tables.ContainsKey((database, table)) || _tables.ContainsKey(("", table));

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

    /// <summary>Runs until the ring is completed and drained, or until cancelled.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        PipelineLog.ComputeStarted(_logger, _store.Rollups.Count, _tableList.Count);
        try
        {
            while (true)
            {
                if (!_reader.TryRead(out var range))
                {
                    Publish();
                    if (!_reader.WaitRead(out range, cancellationToken))
                    {
                        break;
                    }
                }

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
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what was published stays published.
        }

        Publish();
        PipelineLog.ComputeStopped(_logger, _counters.Transactions);
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

            table.Bind(RowImageAppender.ColumnsOf(decoder), throwOnError: false);
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
            _counters.AddRejected(table.Name, e.Message);
        }

        _counters.AddRows(rows);
        _rowsSincePublish += rows;
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
        _counters.Published(position, _pendingTicks == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_pendingTicks));
        _pending = false;
        _rowsSincePublish = 0;
        _lastPublishTicks = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var table in _tableList)
        {
            table.Dispose();
        }
    }
}
