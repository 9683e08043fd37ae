using Microsoft.Extensions.Logging;

namespace Monolith.Engine.Pipeline;

/// <summary>Operator-facing log messages of the pipeline. Event ids 2000-2099.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(2000, LogLevel.Warning, "Binlog decoder notice ({Kind}) at {Position}: {Message}")]
    public static partial void DecoderNotice(ILogger logger, string kind, string position, string message);

    [LoggerMessage(2001, LogLevel.Information, "Source connection lost ({Reason}); the partial transaction is "
        + "discarded and reading resumes after {Position}")]
    public static partial void ConnectionLost(ILogger logger, string reason, string position);

    [LoggerMessage(2002, LogLevel.Information, "Reading the binlog of {Endpoint} as replica {ServerId}, from {Start}")]
    public static partial void SourceStarting(ILogger logger, string endpoint, uint serverId, string start);

    [LoggerMessage(2003, LogLevel.Information, "Compute stage started: {Rollups} rollup(s) over {Tables} table(s)")]
    public static partial void ComputeStarted(ILogger logger, int rollups, int tables);

    [LoggerMessage(2004, LogLevel.Warning, "Table {Table} changed shape at {Position}; its rollups are bound again")]
    public static partial void TableRebound(ILogger logger, string table, string position);

    [LoggerMessage(2005, LogLevel.Error, "Rollup {Rollup} cannot read table {Table}: {Reason}; its changes are "
        + "counted as rejected until the table fits again")]
    public static partial void RollupUnbound(ILogger logger, string rollup, string table, string reason);

    [LoggerMessage(2006, LogLevel.Information, "Compute stage stopped after {Transactions} transaction(s)")]
    public static partial void ComputeStopped(ILogger logger, long transactions);

    [LoggerMessage(2007, LogLevel.Error, "The source stopped: {Reason}")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(2008, LogLevel.Error, "The compute stage failed and the pipeline stops: {Reason}")]
    public static partial void ComputeFailed(ILogger logger, Exception exception, string reason);
}
