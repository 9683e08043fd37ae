using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog;
using Monolith.Binlog.Replication;

namespace Monolith.IntegrationTests.Replication;

/// <summary>
/// A consumer of the replication stream for tests, reading only what it must (event type codes, ROTATE file
/// names, MariaDB GTID numbers, XID boundaries): it keeps committed transactions, drops a partial one when the
/// connection is lost, and resumes at the end of the last committed transaction with its GTID position.
/// Heartbeats are not recorded.
/// </summary>
internal sealed class RecordingHandler : IBinlogEventHandler
{
    private const byte Rotate = 4;
    private const byte Query = 2;
    private const byte Xid = 16;
    private const byte FormatDescription = 15;
    private const byte Heartbeat = 27;
    private const byte MariaGtid = 162;

    private readonly object _gate = new();
    private readonly List<byte[]> _all = [];
    private readonly List<RecordedTransaction> _committed = [];
    private readonly List<ReplicationStreamStart> _starts = [];
    private readonly List<Exception> _losses = [];
    private readonly MariaDbGtidPosition _gtids;
    private List<byte[]>? _pending;
    private string? _pendingGtid;
    private bool _pendingStandalone;
    private int _checksumLength = 4;
    private string _file = "";
    private ResumePoint? _resumePoint;

    public RecordingHandler(ResumePoint? initial = null)
    {
        _resumePoint = initial;
        _gtids = initial?.Gtids is MariaDbGtidPosition gtids ? gtids.Clone() : new MariaDbGtidPosition();
    }

    /// <summary>Blocks OnEvent while reset, to make the client apply backpressure.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    /// <summary>Called after each commit with the number committed so far.</summary>
    public Action<int>? Committed { get; set; }

    public IReadOnlyList<byte[]> AllEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    public IReadOnlyList<RecordedTransaction> Transactions
    {
        get
        {
            lock (_gate)
            {
                return [.. _committed];
            }
        }
    }

    public IReadOnlyList<ReplicationStreamStart> Starts
    {
        get
        {
            lock (_gate)
            {
                return [.. _starts];
            }
        }
    }

    /// <summary>Transactions begun and then dropped because the connection was lost before their commit.</summary>
    public int DiscardedPartialTransactions { get; private set; }

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

    public void OnEvent(ReadOnlySpan<byte> eventBytes)
    {
        Gate.Wait();

        // Heartbeats say where the server stands; they are not part of the binlog being recorded.
        if (eventBytes[4] == Heartbeat)
        {
            return;
        }

        var bytes = eventBytes.ToArray();
        int committedCount;
        lock (_gate)
        {
            _all.Add(bytes);
            var type = bytes[4];
            switch (type)
            {
                case FormatDescription:
                    _checksumLength = bytes[^5] == 1 ? 4 : 0;
                    return;
                case Rotate:
                    _file = Encoding.UTF8.GetString(bytes.AsSpan(19 + 8, bytes.Length - 19 - 8 - _checksumLength));
                    return;
                case MariaGtid:
                    var sequence = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(19));
                    var domain = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(27));
                    var server = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(5));
                    _pendingGtid = new MariaDbGtid(domain, server, sequence).ToString();
                    _pendingStandalone = (bytes[31] & 1) != 0;
                    _pending = [bytes];
                    return;
            }

            if (_pending is null)
            {
                return;
            }

            _pending.Add(bytes);
            var ends = type == Xid || (type == Query && (_pendingStandalone || IsCommit(bytes)));
            if (!ends)
            {
                return;
            }

            var end = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(13));
            _committed.Add(new RecordedTransaction(_pendingGtid!, _pending, _file, end));
            _gtids.Advance(MariaDbGtidPosition.Parse(_pendingGtid!).Gtids.Single());
            _resumePoint = new ResumePoint(new BinlogPosition(_file, end), _gtids.Clone());
            _pending = null;
            committedCount = _committed.Count;
        }

        Committed?.Invoke(committedCount);
    }

    public ResumePoint? GetResumePoint()
    {
        lock (_gate)
        {
            return _resumePoint;
        }
    }

    public void OnConnectionLost(Exception reason)
    {
        lock (_gate)
        {
            _losses.Add(reason);
            if (_pending is not null)
            {
                DiscardedPartialTransactions++;
            }

            _pending = null;
        }
    }

    public void OnStreamStarted(ReplicationStreamStart start)
    {
        lock (_gate)
        {
            _starts.Add(start);
        }
    }

    private bool IsCommit(byte[] bytes)
    {
        var body = bytes.AsSpan(19, bytes.Length - 19 - _checksumLength);
        var databaseLength = body[8];
        var statusLength = BinaryPrimitives.ReadUInt16LittleEndian(body[11..]);
        var text = body[(13 + statusLength + databaseLength + 1)..];
        return text.SequenceEqual("COMMIT"u8);
    }
}
