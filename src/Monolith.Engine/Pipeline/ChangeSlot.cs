using Monolith.Binlog;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;

namespace Monolith.Engine.Pipeline;

/// <summary>What a <see cref="ChangeSlot"/> carries.</summary>
public enum ChangeSlotKind : byte
{
    /// <summary>The body of one rows event of a committed transaction, to be decoded on the compute thread.</summary>
    Rows,

    /// <summary>The end of a committed transaction: rollups may publish up to here.</summary>
    Commit,

    /// <summary>A DDL statement changed a table: its change batches and bindings are rebuilt.</summary>
    SchemaChange,

    /// <summary>The stream moved without a transaction (heartbeat, rotate): the position advances.</summary>
    Progress,
}

/// <summary>
/// One preallocated entry of the ring between the source and the compute stage. The source overwrites its
/// fields and copies a rows event's body into <see cref="Body"/>, which grows when an event is larger and is
/// reused afterwards, so that steady state allocates nothing.
/// </summary>
public sealed class ChangeSlot
{
    private byte[] _body = new byte[16 * 1024];

    public ChangeSlotKind Kind { get; set; }

    /// <summary>The decoder of the table a rows event belongs to (immutable, shared with the source thread).</summary>
    public TableDecoder? Table { get; set; }

    public RowsEventHeader Header { get; set; }

    public int BodyLength { get; private set; }

    /// <summary>The rows event's body as copied from the source.</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(0, BodyLength);

    /// <summary>For a commit or progress slot: where the stream may resume after it.</summary>
    public BinlogPosition Position { get; set; }

    public Gtid Gtid { get; set; }

    /// <summary>The commit's timestamp as the source server wrote it (seconds since the Unix epoch).</summary>
    public uint Timestamp { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> ticks when the source handed the slot on.</summary>
    public long PublishedTicks { get; set; }

    /// <summary>For a schema change: the database and table it names (the table may be null).</summary>
    public string? Database { get; set; }

    public string? TableName { get; set; }

    /// <summary>Copies a rows event's body into this slot's buffer.</summary>
    public void SetBody(ReadOnlySpan<byte> body)
    {
        if (_body.Length < body.Length)
        {
            _body = new byte[Math.Max(body.Length, _body.Length * 2)];
        }

        body.CopyTo(_body);
        BodyLength = body.Length;
    }
}
