using Monolith.Binlog.Events;

namespace Monolith.Binlog.Decoding;

/// <summary>The start of a committed transaction.</summary>
public readonly struct TransactionInfo
{
    /// <summary>The transaction's GTID of either flavour; empty when the server wrote none (anonymous).</summary>
    public Gtid Gtid { get; init; }

    /// <summary>Where the transaction's first event (its GTID event or BEGIN) starts.</summary>
    public BinlogPosition BeginPosition { get; init; }

    /// <summary>The first event's timestamp: seconds since the Unix epoch when the transaction began.</summary>
    public uint Timestamp { get; init; }

    /// <summary>The server id of the server that first wrote the transaction.</summary>
    public uint ServerId { get; init; }

    /// <summary>MySQL 8: when the source committed it, in microseconds since the Unix epoch; else 0.</summary>
    public ulong OriginalCommitTimestamp { get; init; }
}
