using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Monolith.Binlog;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Rows;
using Monolith.Engine.Rings;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The source side of the pipeline: receives committed transactions from the binlog decoder, on the thread that
/// reads the source, and hands them to the compute stage through the ring. A full ring blocks here, so the
/// reading loop stops reading the socket and the server holds the binlog: nothing is dropped or buffered
/// without bound. Rows of tables no rollup reads are not copied.
/// </summary>
public sealed class RingPublisher : IBinlogConsumer
{
    private readonly RingBuffer<ChangeSlot> _ring;
    private readonly Func<string, string, bool> _wantsTable;
    private readonly ILogger _logger;
    private readonly Dictionary<TableDecoder, bool> _wanted = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationToken _cancel;
    private readonly Func<bool>? _afterCommit;
    private long _skippedEvents;
    private long _transactions;

    /// <summary>Creates the publisher.</summary>
    /// <param name="ring">The ring to the compute stage.</param>
    /// <param name="wantsTable">Whether some rollup reads a table (database, table).</param>
    /// <param name="logger">Operator log.</param>
    /// <param name="cancel">Stops a wait on a full ring when the pipeline shuts down.</param>
    /// <param name="afterCommit">Called on this thread after each commit is handed on: lets an idle compute stage
    /// process the transaction here (<see cref="ChangeProcessor.TryRunInline"/>).</param>
    public RingPublisher(RingBuffer<ChangeSlot> ring, Func<string, string, bool> wantsTable, ILogger logger,
        CancellationToken cancel, Func<bool>? afterCommit = null)
    {
        _afterCommit = afterCommit;
        _ring = ring;
        _wantsTable = wantsTable;
        _logger = logger;
        _cancel = cancel;
    }

    /// <summary>The end of the last transaction handed on: where reading resumes after a lost connection.</summary>
    public BinlogPosition? LastCommitted { get; private set; }

    /// <summary>Committed transactions handed on.</summary>
    public long Transactions => Volatile.Read(ref _transactions);

    /// <summary>Rows events of tables no rollup reads, skipped without copying.</summary>
    public long SkippedEvents => Volatile.Read(ref _skippedEvents);

    /// <inheritdoc />
    public void OnTransactionStart(in TransactionInfo transaction)
    {
    }

    /// <inheritdoc />
    public void OnRows(in RowsEvent rows)
    {
        if (!Wants(rows.Table))
        {
            _skippedEvents++;
            return;
        }

        var sequence = _ring.Claim(1, _cancel).First;
        var slot = _ring[sequence];
        slot.Kind = ChangeSlotKind.Rows;
        slot.Table = rows.Table;
        slot.Header = rows.Header;
        slot.SetBody(rows.Body);
        _ring.Publish(sequence);
    }

    /// <inheritdoc />
    public void OnSchemaChange(in SchemaChange change)
    {
        var sequence = _ring.Claim(1, _cancel).First;
        var slot = _ring[sequence];
        slot.Kind = ChangeSlotKind.SchemaChange;
        slot.Table = null;
        slot.Database = change.Database;
        slot.TableName = change.Table;
        slot.Position = change.EndPosition;
        _ring.Publish(sequence);

        // Decoders cached for the tables may be replaced: ask again whether they are wanted.
        _wanted.Clear();
    }

    /// <inheritdoc />
    public void OnTransactionCommit(in TransactionCommit commit)
    {
        // Stamped before the claim, so that time spent waiting on a full ring counts as added latency.
        var readTicks = Stopwatch.GetTimestamp();
        var sequence = _ring.Claim(1, _cancel).First;
        var slot = _ring[sequence];
        slot.Kind = ChangeSlotKind.Commit;
        slot.Table = null;
        slot.Position = commit.EndPosition;
        slot.Gtid = commit.Gtid;
        slot.Timestamp = commit.Timestamp;
        slot.PublishedTicks = readTicks;
        _ring.Publish(sequence);
        LastCommitted = commit.EndPosition;
        Volatile.Write(ref _transactions, _transactions + 1);
        _afterCommit?.Invoke();
    }

    /// <inheritdoc />
    public void OnProgress(in BinlogProgress progress)
    {
        var sequence = _ring.Claim(1, _cancel).First;
        var slot = _ring[sequence];
        slot.Kind = ChangeSlotKind.Progress;
        slot.Table = null;
        slot.Position = progress.Position;
        slot.Timestamp = progress.Timestamp;
        _ring.Publish(sequence);
        LastCommitted = progress.Position;
    }

    /// <inheritdoc />
    public void OnNotice(in DecoderNotice notice) =>
        PipelineLog.DecoderNotice(_logger, notice.Kind.ToString(), notice.Position.ToString(), notice.Message);

    private bool Wants(TableDecoder table)
    {
        if (!_wanted.TryGetValue(table, out var wanted))
        {
            if (_wanted.Count > 4096)
            {
                _wanted.Clear();
            }

            wanted = _wantsTable(table.Database, table.Table);
            _wanted[table] = wanted;
        }

        return wanted;
    }
}
