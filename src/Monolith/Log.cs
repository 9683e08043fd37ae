using Microsoft.Extensions.Logging;

namespace Monolith;

/// <summary>
/// The executable's log messages. Event ids: 5000s commands, 5100s host and HTTP.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "{Done} orders loaded")]
    public static partial void OrdersLoaded(ILogger logger, long done);
}
