using Monolith.Binlog.Events;

namespace Monolith.Binlog.Decoding;

/// <summary>The end of a committed transaction.</summary>
public readonly struct TransactionCommit
{
    /// <summary>The transaction's GTID; empty when anonymous.</summary>
    public Gtid Gtid { get; init; }

    /// <summary>The place just past the transaction's last event: where reading resumes without repeating it.</summary>
    public BinlogPosition EndPosition { get; init; }

    /// <summary>The XID of an XID-ended transaction (or of an atomic DDL), else 0.</summary>
    public ulong Xid { get; init; }

    /// <summary>The commit event's timestamp (seconds since the Unix epoch).</summary>
    public uint Timestamp { get; init; }

    /// <summary>How the transaction ended.</summary>
    public TransactionEnding Ending { get; init; }

    /// <summary>The number of rows events delivered.</summary>
    public int RowsEventCount { get; init; }
}
