using Microsoft.Extensions.Logging;

namespace Monolith;

/// <summary>
/// The executable's log messages. Event ids: 1000s commands, 1100s host and HTTP, 1200s pipeline.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "{Done} orders loaded")]
    public static partial void OrdersLoaded(ILogger logger, long done);
}
