namespace Monolith.Binlog.Protocol;

/// <summary>
/// The network failed the conversation: the server could not be reached, closed the connection, or fell
/// silent for longer than allowed. The replication client treats it as transient and reconnects.
/// </summary>
public sealed class BinlogConnectionException : BinlogException
{
    /// <summary>Creates the error; <paramref name="isTimeout"/> marks a connection that fell silent.</summary>
    public BinlogConnectionException(string message, Exception? innerException = null, bool isTimeout = false)
        : base(message, null, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>Whether the connection was given up because nothing arrived within the allowed time.</summary>
    public bool IsTimeout { get; }
}
