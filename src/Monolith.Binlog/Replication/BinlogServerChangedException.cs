namespace Monolith.Binlog.Replication;

/// <summary>
/// After a reconnection the server is another one (its server id or UUID changed, as after a fail-over behind
/// one address) while replication resumes by file and offset, which mean nothing on another server's binlog.
/// </summary>
public sealed class BinlogServerChangedException(string message) : BinlogProtocolException(message);
