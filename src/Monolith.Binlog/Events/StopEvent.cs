namespace Monolith.Binlog.Events;

/// <summary>
/// STOP_EVENT (type 3): the server shut down and closed the file. It has no body; the next file begins after a
/// restart, so the reader simply moves on.
/// </summary>
public static class StopEvent
{
    /// <summary>The event type code.</summary>
    public const BinlogEventType Type = BinlogEventType.Stop;
}
