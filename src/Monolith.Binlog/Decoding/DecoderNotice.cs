using Monolith.Binlog.Events;

namespace Monolith.Binlog.Decoding;

/// <summary>Something a consumer or an operator should know that did not stop decoding.</summary>
public readonly struct DecoderNotice
{
    /// <summary>What happened.</summary>
    public DecoderNoticeKind Kind { get; init; }

    /// <summary>A sentence for operators.</summary>
    public string Message { get; init; }

    /// <summary>Where the event that caused it starts.</summary>
    public BinlogPosition Position { get; init; }

    /// <summary>The event type concerned.</summary>
    public BinlogEventType EventType { get; init; }
}
