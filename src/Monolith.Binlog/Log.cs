using Microsoft.Extensions.Logging;

namespace Monolith.Binlog;

/// <summary>
/// Operator-facing log messages of the binlog library. Event ids: 1000-1099 replication,
/// 1100-1149 protocol, 1200-1249 schema (their own classes), 1300-1399 decoding.
/// Nothing here is logged per row.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Warning,
        "Skipped an event of unknown type {EventType} at {Position}; further events of this type are skipped silently")]
    public static partial void UnknownEventSkipped(ILogger logger, int eventType, string position);

    [LoggerMessage(1301, LogLevel.Warning,
        "The schema of {Table} does not fit its TABLE_MAP ({Reason}); " +
        "decoding by the TABLE_MAP with columns named @1, @2, ...")]
    public static partial void SchemaMismatch(ILogger logger, string table, string reason);

    [LoggerMessage(1302, LogLevel.Warning,
        "A statement-based change inside a transaction at {Position} cannot be decoded into rows; " +
        "use binlog_format=ROW")]
    public static partial void StatementNotDecoded(ILogger logger, string position);

    [LoggerMessage(1303, LogLevel.Warning, "The source logged incident {Incident} at {Position}: {Message}")]
    public static partial void Incident(ILogger logger, int incident, string position, string message);

    [LoggerMessage(1304, LogLevel.Information,
        "Transaction starting at {Position} exceeded {Limit} bytes in memory; staging it in {File}")]
    public static partial void TransactionSpilled(ILogger logger, string position, long limit, string file);

    [LoggerMessage(1305, LogLevel.Warning,
        "Discarded an open transaction that began at {Position} without delivering it: {Reason}")]
    public static partial void TransactionAbandoned(ILogger logger, string position, string reason);

    [LoggerMessage(1306, LogLevel.Debug, "Schema change {Kind} on {Database}.{Table} at {Position}")]
    public static partial void SchemaChanged(ILogger logger, string kind, string? database, string? table,
        string position);

    [LoggerMessage(1100, LogLevel.Information, "Reading binlog file {File}")]
    public static partial void ReadingFile(ILogger logger, string file);
}
