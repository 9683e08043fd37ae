namespace Monolith.Binlog.Replication;

/// <summary>
/// The server cannot stream from the requested place: the binlog holding it was purged, the position lies
/// outside the file, or the requested GTIDs are not (or no longer) in the server's binlog. Retrying does not
/// help; the message says what to do.
/// </summary>
public sealed class BinlogPositionUnavailableException(
    string message, string requestedStart, BinlogServerException? serverError = null)
    : BinlogProtocolException(message, serverError)
{
    /// <summary>The start that was asked for, as text (a position or a GTID set).</summary>
    public string RequestedStart { get; } = requestedStart;
}
