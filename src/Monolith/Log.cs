using Microsoft.Extensions.Logging;

namespace Monolith;

/// <summary>
/// The executable's log messages. Event ids: 5000s commands, 5100s host and HTTP.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "{Done} orders loaded")]
    public static partial void OrdersLoaded(ILogger logger, long done);

    [LoggerMessage(5100, LogLevel.Critical, "The pipeline stopped: {Reason}")]
    public static partial void PipelineFailed(ILogger logger, string reason);

    [LoggerMessage(5101, LogLevel.Information, "Serving Druid's API on {Url} for {Rollups} rollup(s): {Names}")]
    public static partial void Serving(ILogger logger, string url, int rollups, string names);

    [LoggerMessage(5102, LogLevel.Error, "Query failed unexpectedly: {Reason}")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string reason);
}
