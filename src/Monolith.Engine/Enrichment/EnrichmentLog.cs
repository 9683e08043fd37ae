using Microsoft.Extensions.Logging;

namespace Monolith.Engine.Enrichment;

/// <summary>Operator-facing log messages of the enrichment stage. Event ids 2100-2149.</summary>
internal static partial class EnrichmentLog
{
    [LoggerMessage(2100, LogLevel.Information, "Enrichment state {Store}: {Where}")]
    public static partial void StoreOpened(ILogger logger, string store, string where);

    [LoggerMessage(2101, LogLevel.Debug, "Enrichment state {Store} compacted from {Before} to {After} bytes in "
        + "{Milliseconds} ms")]
    public static partial void Compacted(ILogger logger, string store, long before, long after, long milliseconds);

    [LoggerMessage(2102, LogLevel.Debug, "Enrichment state {Store} index grown to {Buckets} buckets for about "
        + "{Keys} keys")]
    public static partial void IndexGrown(ILogger logger, string store, long buckets, long keys);

    [LoggerMessage(2105, LogLevel.Warning, "Dimension table {Table} no longer has column {Column} at {Position}; "
        + "rollups joining it see NULL there")]
    public static partial void DimensionColumnMissing(ILogger logger, string table, string column, string position);
}
