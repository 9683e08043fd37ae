using Microsoft.Extensions.Logging;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>Log messages of the replication client; event ids 1000-1099.</summary>
internal static partial class ReplicationLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Connected to {Endpoint}: {Version}, server_id {ServerId}, binlog {BinlogFormat}/{BinlogRowImage}/" +
            "{BinlogChecksum}; user '{User}', replica server id {ReplicaServerId}, {Transport}")]
    public static partial void Connected(ILogger logger, string endpoint, ServerVersion version, uint serverId,
        string binlogFormat, string binlogRowImage, string binlogChecksum, string user, uint replicaServerId,
        string transport);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Reading the binlog of {Endpoint} from {Start}{Resumed}")]
    public static partial void StreamStarted(ILogger logger, string endpoint, ReplicationStart start, string resumed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Lost the binlog stream of {Endpoint} at {File}:{Position}: {Reason}. Reconnecting in " +
            "{Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string endpoint, string? file, long position,
        string reason, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Server {Endpoint}: {Problem}")]
    public static partial void SettingProblem(ILogger logger, string endpoint, ServerSettingProblem problem);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error,
        Message = "Replication from {Endpoint} stopped at {File}:{Position}: {Reason}")]
    public static partial void Failed(ILogger logger, string endpoint, string? file, long position, string reason,
        Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "Reached the end of the binlog of {Endpoint} at {File}:{Position}; stopping (StopAtEnd)")]
    public static partial void ReachedEnd(ILogger logger, string endpoint, string? file, long position);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "The binlog of {Endpoint} continues in {File}")]
    public static partial void Rotated(ILogger logger, string endpoint, string file);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "The server at {Endpoint} is another one than before ({Before} -> {After}); resuming by GTID")]
    public static partial void ServerChangedResumingByGtid(ILogger logger, string endpoint, string before,
        string after);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "No event or heartbeat from {Endpoint} for {Silence} (heartbeat period {Period}); closing the " +
            "connection as dead")]
    public static partial void ConnectionSilent(ILogger logger, string endpoint, TimeSpan silence, TimeSpan period);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information,
        Message = "Replication from {Endpoint} stopped at {File}:{Position}")]
    public static partial void Stopped(ILogger logger, string endpoint, string? file, long position);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error,
        Message = "Giving up on {Endpoint} after {Attempts} failed connection attempts in a row")]
    public static partial void GaveUp(ILogger logger, string endpoint, int attempts, Exception exception);
}
