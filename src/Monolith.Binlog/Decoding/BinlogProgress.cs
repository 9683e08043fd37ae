using Monolith.Binlog.Events;

namespace Monolith.Binlog.Decoding;

/// <summary>Where an idle or rotating stream stands, outside any transaction.</summary>
public readonly struct BinlogProgress
{
    /// <summary>A position safe to resume from.</summary>
    public BinlogPosition Position { get; init; }

    /// <summary>The event that told it (HEARTBEAT, ROTATE, FORMAT_DESCRIPTION, ...).</summary>
    public BinlogEventType EventType { get; init; }

    /// <summary>The event's timestamp (0 for heartbeats and artificial events).</summary>
    public uint Timestamp { get; init; }
}
