using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monolith.Binlog;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Text;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Records what a decoder delivers: committed transactions with their rows as JSON lines (the dump contract),
/// schema changes, progress and notices. Safe to read from the test's thread while the decoder feeds it.
/// </summary>
internal sealed class DecodedStream : IBinlogConsumer
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly object _gate = new();
    private readonly List<DecodedTransaction> _committed = [];
    private readonly List<DecoderNotice> _notices = [];
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly bool _keepEvents;
    private int[] _scratch = new int[256];
    private DecodedTransaction? _open;
    private long _rows;

    /// <param name="keepEvents">Whether to keep a copy of every rows event for checks by typed accessors.</param>
    public DecodedStream(bool keepEvents = false)
    {
        _keepEvents = keepEvents;
    }

    /// <summary>The end of the last committed transaction, or the last position an idle stream reported.</summary>
    public BinlogPosition? LastPosition { get; private set; }

    /// <summary>Row changes delivered in committed transactions.</summary>
    public long RowCount => Interlocked.Read(ref _rows);

    public IReadOnlyList<DecodedTransaction> Transactions
    {
        get
        {
            lock (_gate)
            {
                return [.. _committed];
            }
        }
    }

    public IReadOnlyList<DecoderNotice> Notices
    {
        get
        {
            lock (_gate)
            {
                return [.. _notices];
            }
        }
    }

    /// <summary>Every row change of every committed transaction, in order.</summary>
    public IReadOnlyList<DecodedRow> Rows => [.. Transactions.SelectMany(t => t.Rows)];

    /// <summary>The row changes of one table.</summary>
    public IReadOnlyList<DecodedRow> RowsOf(string database, string table) =>
        [.. Rows.Where(r => r.Database == database && r.Table == table)];

    public void OnTransactionStart(in TransactionInfo transaction) => _open = new DecodedTransaction
    {
        Gtid = transaction.Gtid.ToString(),
        Begin = transaction.BeginPosition,
    };

    public void OnRows(in RowsEvent rows)
    {
        var transaction = _open ?? throw new InvalidOperationException("Rows arrived outside a transaction.");
        if (_keepEvents)
        {
            transaction.Events.Add(new CapturedRowsEvent(rows.Table, rows.Header, rows.Body.ToArray()));
        }

        if (_scratch.Length < rows.Table.ScratchLength)
        {
            _scratch = new int[rows.Table.ScratchLength];
        }

        var position = rows.Position ?? default;
        var context = new RowJsonContext(position.File ?? "", position.Offset, rows.Header.Timestamp,
            transaction.Gtid.Length > 0 ? transaction.Gtid : null);
        foreach (var change in rows.GetRows(_scratch))
        {
            _buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_buffer, s_options))
            {
                RowJsonWriter.Write(writer, change, rows.Table, context);
            }

            transaction.Rows.Add(DecodedRow.Parse(Encoding.UTF8.GetString(_buffer.WrittenSpan)));
        }
    }

    public void OnSchemaChange(in SchemaChange change) => _open?.Statements.Add(change.Statement);

    public void OnTransactionCommit(in TransactionCommit commit)
    {
        var transaction = _open ?? throw new InvalidOperationException("A commit arrived outside a transaction.");
        transaction.End = commit.EndPosition;
        transaction.Ending = commit.Ending;
        _open = null;
        lock (_gate)
        {
            _committed.Add(transaction);
            LastPosition = commit.EndPosition;
        }

        Interlocked.Add(ref _rows, transaction.Rows.Count);
    }

    public void OnProgress(in BinlogProgress progress)
    {
        lock (_gate)
        {
            LastPosition = progress.Position;
        }
    }

    public void OnNotice(in DecoderNotice notice)
    {
        lock (_gate)
        {
            _notices.Add(notice);
        }
    }
}
