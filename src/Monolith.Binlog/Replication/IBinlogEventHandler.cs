namespace Monolith.Binlog.Replication;

/// <summary>
/// Receives the binlog stream from a <see cref="ReplicationClient"/>. Every method is called on the client's
/// reading loop, one at a time, never concurrently.
/// </summary>
public interface IBinlogEventHandler
{
    /// <summary>
    /// One event exactly as the server sent it: the 19-byte header, the body and, when the server writes
    /// checksums, the 4-byte CRC32 trailer. The span is valid only during the call.
    /// </summary>
    /// <remarks>
    /// The call may block, for example while a ring downstream is full: the client then reads nothing more from
    /// the socket, the server's send buffer fills and the server waits. No event is buffered in between. The
    /// stream includes what a replica sees and a binlog file does not hold: a ROTATE with next-position 0 naming
    /// the file at the start of every connection, and the file's FORMAT_DESCRIPTION again at a start in the
    /// middle of a file. Heartbeats are passed on too (HEARTBEAT, type 27, or HEARTBEAT_V2, type 41): the server
    /// sends them only while it has nothing else to send, so the position they carry is the end of the last event
    /// sent, between transactions, and a decoder turns it into progress that lets an idle stream advance its
    /// checkpoint.
    /// </remarks>
    void OnEvent(ReadOnlySpan<byte> eventBytes);

    /// <summary>
    /// The end of the last committed transaction delivered downstream, or null when there is none yet. Asked
    /// before each connection, the first included, so that a consumer restored from a checkpoint resumes from
    /// its own position rather than the configured start.
    /// </summary>
    ResumePoint? GetResumePoint();

    /// <summary>
    /// The stream broke (network, timeout, server error, or the run ending). Events of a transaction whose
    /// commit has not arrived are incomplete and must be discarded; the next connection resumes at
    /// <see cref="GetResumePoint"/> and sends that transaction again from its start.
    /// </summary>
    void OnConnectionLost(Exception reason);

    /// <summary>A stream starts (or restarts after a reconnection) from <paramref name="start"/>.</summary>
    void OnStreamStarted(ReplicationStreamStart start)
    {
    }
}
