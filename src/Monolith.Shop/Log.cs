using Microsoft.Extensions.Logging;
using Monolith.Shop.Workload;

namespace Monolith.Shop;

/// <summary>
/// The shop's log messages: lifecycle and outcomes only, never a row and never a password. Event ids: 100s for the
/// schema, 200s for the workload, 300s for the bulk loader.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Applied the shop schema to database {Database} on {Server}")]
    public static partial void SchemaApplied(ILogger logger, string database, string server);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Added reference data to {Database}: {Categories} categories, {Products} products, {Users} users")]
    public static partial void ReferenceDataAdded(ILogger logger, string database, int categories, int products,
        int users);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Database {Database} already holds reference data; left as it is")]
    public static partial void ReferenceDataPresent(ILogger logger, string database);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Dropped database {Database} on {Server}")]
    public static partial void DatabaseDropped(ILogger logger, string database, string server);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information,
        Message = "Workload started against {Server}, database {Database}: {Connections} connection(s), " +
                  "target {Rate} transactions/s, seed {Seed}, time {TimeMode}")]
    public static partial void WorkloadStarted(ILogger logger, string server, string database, int connections,
        string rate, long seed, ShopTimeMode timeMode);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information,
        Message = "Workload state loaded: {Users} users, {Products} products, {OpenOrders} open orders")]
    public static partial void WorkloadStateLoaded(ILogger logger, int users, int products, int openOrders);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information,
        Message = "Workload finished: {Transactions} transactions in {Elapsed}, {TransactionsPerSecond:F0} " +
                  "transactions/s, {RowChangesPerSecond:F0} row changes/s, {Retries} retried, {Failed} failed")]
    public static partial void WorkloadFinished(ILogger logger, long transactions, TimeSpan elapsed,
        double transactionsPerSecond, double rowChangesPerSecond, long retries, long failed);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug,
        Message = "Transaction {Kind} on connection {Connection} hit {Error}; retrying (attempt {Attempt})")]
    public static partial void TransactionRetried(ILogger logger, ShopTransactionKind kind, int connection,
        string error, int attempt);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning,
        Message = "Transaction {Kind} on connection {Connection} failed and was rolled back: {Error}")]
    public static partial void TransactionFailed(ILogger logger, ShopTransactionKind kind, int connection,
        string error);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning,
        Message = "Workload is {Behind:F1} s behind its target rate of {Rate} transactions/s; the server is the limit")]
    public static partial void WorkloadBehind(ILogger logger, double behind, double rate);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Bulk load started against {Server}, database {Database}: {Orders} orders in chunks of {Chunk}")]
    public static partial void BulkLoadStarted(ILogger logger, string server, string database, long orders,
        int chunk);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug,
        Message = "Bulk load: {Done} of {Orders} orders written")]
    public static partial void BulkLoadProgress(ILogger logger, long done, long orders);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information,
        Message = "Bulk load finished: {Rows} rows in {Elapsed}, {RowsPerSecond:F0} rows/s")]
    public static partial void BulkLoadFinished(ILogger logger, long rows, TimeSpan elapsed, double rowsPerSecond);
}
