namespace Monolith.Binlog.Replication;

/// <summary>A snapshot of a <see cref="ReplicationClient"/>, for <c>/status</c> and metrics.</summary>
/// <param name="State">What the client is doing.</param>
/// <param name="Server">The source as last seen, or null before the first connection.</param>
/// <param name="File">The binlog file being read, from the last ROTATE or heartbeat.</param>
/// <param name="Position">The offset just past the last event or heartbeat received (not necessarily a
/// transaction boundary: the resume point comes from the consumer).</param>
/// <param name="EventsReceived">Events received since the client started, heartbeats excluded.</param>
/// <param name="BytesReceived">Event bytes received since the client started.</param>
/// <param name="HeartbeatsReceived">Heartbeats received since the client started.</param>
/// <param name="LastEventTimestamp">When the server wrote the last event received (header timestamp).</param>
/// <param name="LastReceivedAt">When the last event or heartbeat arrived.</param>
/// <param name="ConnectionsLost">Streams that broke and were reopened or given up.</param>
/// <param name="LastError">The last failure, in words, or null.</param>
public sealed record ReplicationStatus(
    ReplicationState State,
    ServerInfo? Server,
    string? File,
    long Position,
    long EventsReceived,
    long BytesReceived,
    long HeartbeatsReceived,
    DateTimeOffset? LastEventTimestamp,
    DateTimeOffset? LastReceivedAt,
    int ConnectionsLost,
    string? LastError);
