using Microsoft.Extensions.Logging;

namespace Monolith.Binlog.Schema;

/// <summary>Log messages of schema tracking; event ids 1200-1249.</summary>
internal static partial class SchemaLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning,
        Message = "Cannot read table schemas from {Endpoint}: {Reason}. Columns are named @1, @2, ... until it " +
            "answers again; retrying in {RetryIn}")]
    public static partial void ServerUnreachable(ILogger logger, string endpoint, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Reading table schemas from {Endpoint} again")]
    public static partial void ServerReachable(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug,
        Message = "Read the schema of {Database}.{Table} ({Columns} columns) for use from {Position}")]
    public static partial void SchemaRead(ILogger logger, string database, string table, int columns,
        BinlogPosition position);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "A statement at {Position} changes {Tables} in a way not interpreted ({Reason}); reading them " +
            "from the server again")]
    public static partial void ReadingAgain(ILogger logger, BinlogPosition position, string tables, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug,
        Message = "Applied a schema change at {Position} to {Tables}")]
    public static partial void Applied(ILogger logger, BinlogPosition position, string tables);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug,
        Message = "Table {Database}.{Table} does not exist on the server")]
    public static partial void TableMissing(ILogger logger, string database, string table);
}
