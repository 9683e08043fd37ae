namespace Monolith.Binlog.Replication;

/// <summary>What a <see cref="ReplicationClient"/> is doing.</summary>
public enum ReplicationState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Opening a connection and asking for the stream.</summary>
    Connecting,

    /// <summary>Receiving the binlog stream.</summary>
    Streaming,

    /// <summary>Waiting before the next connection attempt.</summary>
    WaitingToReconnect,

    /// <summary>Ended: cancelled, or at the end of the binlog with StopAtEnd.</summary>
    Stopped,

    /// <summary>Ended by an error that retrying cannot fix.</summary>
    Failed,
}
