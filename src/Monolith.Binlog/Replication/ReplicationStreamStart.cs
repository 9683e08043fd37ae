namespace Monolith.Binlog.Replication;

/// <summary>What a stream starts from, told to <see cref="IBinlogEventHandler.OnStreamStarted"/>.</summary>
/// <param name="Server">The server the stream comes from.</param>
/// <param name="Start">The start requested: a binlog position, or a GTID set or position. <c>earliest</c> and
/// <c>latest</c> are already resolved to a position here.</param>
/// <param name="IsReconnection">Whether an earlier stream of the same run broke before this one.</param>
public sealed record ReplicationStreamStart(ServerInfo Server, ReplicationStart Start, bool IsReconnection);
