using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monolith.Binlog.Replication;
using Monolith.Engine.Pipeline;
using Monolith.Hosting;

namespace Monolith.Http;

/// <summary>
/// Operator endpoints: <c>GET /status</c> (JSON: source, pipeline, rollups), <c>GET /metrics</c> (Prometheus
/// text) and <c>GET /health</c>. None of them shows a password: the source is described by its endpoint, user
/// and state only.
/// </summary>
internal static class StatusEndpoints
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly DateTimeOffset s_started = DateTimeOffset.UtcNow;

    public static void MapStatus(this WebApplication app, MonolithPipeline pipeline, ReplicationOptions source,
        PipelineService service)
    {
        app.MapGet("/status", () => Results.Json(Describe(pipeline, source, service), s_json));
        app.MapGet("/health", () => service.IsRunning
            ? Results.Text("ok\n")
            : Results.Text($"stopped: {service.Failure?.Message ?? "not running"}\n", statusCode: 503));
        app.MapGet("/metrics", () => Results.Text(Metrics(pipeline), "text/plain; version=0.0.4"));
    }

    private static object Describe(MonolithPipeline pipeline, ReplicationOptions source, PipelineService service)
    {
        var replication = pipeline.SourceStatus;
        var counters = pipeline.Counters;
        var published = counters.PublishedPosition;
        return new
        {
            version = typeof(StatusEndpoints).Assembly.GetName().Version?.ToString(),
            startedAt = s_started,
            running = service.IsRunning,
            failure = service.Failure?.Message,
            source = new
            {
                endpoint = source.Endpoint,
                user = source.User,
                serverId = source.ServerId,
                start = source.Start,
                state = replication.State.ToString(),
                server = replication.Server is { } server
                    ? new { version = server.Version.ToString(), flavor = server.Flavor.ToString(), server.ServerId }
                    : null,
                file = replication.File,
                position = replication.Position,
                replication.EventsReceived,
                replication.BytesReceived,
                replication.HeartbeatsReceived,
                replication.LastEventTimestamp,
                replication.LastReceivedAt,
                replication.ConnectionsLost,
                replication.LastError,
            },
            decoder = pipeline.DecoderStatistics,
            pipeline = new
            {
                transactionsHandedOn = pipeline.TransactionsHandedOn,
                transactionsApplied = counters.Transactions,
                rows = counters.Rows,
                batches = counters.Batches,
                rejectedRows = counters.Rejected,
                factsWithoutDimensionRow = counters.FactsWithoutDimensionRow,
                schemaChanges = counters.SchemaChanges,
                publishes = counters.Publishes,
                publishedPosition = published?.Position.ToString(),
                publishedCommitTime = published is { CommitTimestamp: > 0 } p
                    ? DateTimeOffset.FromUnixTimeSeconds(p.CommitTimestamp)
                    : (DateTimeOffset?)null,
                lastHandOffToVisibleMicroseconds = counters.LastHandOffToVisible.TotalMicroseconds,
                addedLatency = AddedLatency(counters.CommitToVisible.Snapshot()),
                recentErrors = counters.RecentErrors,
                bindingErrors = pipeline.BindingErrors,
            },
            enrichment = pipeline.EnrichmentStatus,
            joins = pipeline.JoinCounters.Select(j => new
            {
                j.Rollup,
                j.FactsWithoutDimensionRow,
                j.RetractionsWithoutRecord,
            }),
            rollups = pipeline.Store.GetStatus().Select(r => new
            {
                r.Name,
                r.Version,
                position = r.Position?.ToString(),
                r.CommittedAt,
                r.LiveGroups,
                r.EmptyGroups,
                r.NegativeGroups,
                memory = new
                {
                    r.StateBytes,
                    r.DictionaryBytes,
                    r.IndexBytes,
                    r.TotalBytes,
                    r.BytesPerGroup,
                },
                r.DictionarySizes,
                r.RowsApplied,
                r.RowsWithoutTime,
                r.RowsOutsideRetention,
                r.IgnoredValues,
                r.IgnoredRetractions,
            }),
        };
    }

    /// <summary>Monolith's own latency per transaction, commit event read to version published, in microseconds.
    /// </summary>
    private static object AddedLatency(LatencySnapshot latency) => new
    {
        transactions = latency.Count,
        p50Microseconds = latency.P50.TotalMicroseconds,
        p90Microseconds = latency.P90.TotalMicroseconds,
        p99Microseconds = latency.P99.TotalMicroseconds,
        p999Microseconds = latency.P999.TotalMicroseconds,
        maxMicroseconds = latency.Max.TotalMicroseconds,
    };

    private static string Metrics(MonolithPipeline pipeline)
    {
        var text = new StringBuilder();
        void Metric(string name, string type, string help, double value, string labels = "")
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
        }

        var replication = pipeline.SourceStatus;
        var counters = pipeline.Counters;
        Metric("monolith_source_connected", "gauge", "1 while the replica connection streams events.",
            replication.State == ReplicationState.Streaming ? 1 : 0);
        Metric("monolith_source_events_total", "counter", "Binlog events received.", replication.EventsReceived);
        Metric("monolith_source_bytes_total", "counter", "Binlog bytes received.", replication.BytesReceived);
        Metric("monolith_source_connections_lost_total", "counter", "Replica connections lost and re-made.",
            replication.ConnectionsLost);
        Metric("monolith_transactions_total", "counter", "Committed transactions applied to the rollups.",
            counters.Transactions);
        Metric("monolith_row_changes_total", "counter", "Row changes decoded for rollups.", counters.Rows);
        Metric("monolith_rejected_row_changes_total", "counter", "Row changes a rollup could not use.",
            counters.Rejected);
        Metric("monolith_facts_without_dimension_row_total", "counter",
            "Fact rows a join rollup found no dimension row for (counted under NULL, or left out by an INNER JOIN).",
            counters.FactsWithoutDimensionRow);
        Metric("monolith_publishes_total", "counter", "Rollup versions published.", counters.Publishes);
        Metric("monolith_handoff_to_visible_seconds", "gauge",
            "For the latest published transaction, seconds from its hand-off by the source to visibility.",
            counters.LastHandOffToVisible.TotalSeconds);
        var latency = counters.CommitToVisible.Snapshot();
        text.Append("# HELP monolith_added_latency_seconds Per transaction, seconds from its commit event being read " +
            "off the replication connection to the publish of the version holding it.\n" +
            "# TYPE monolith_added_latency_seconds summary\n");
        foreach (var (quantile, value) in new[] { ("0.5", latency.P50), ("0.9", latency.P90), ("0.99", latency.P99),
            ("0.999", latency.P999), ("1", latency.Max) })
        {
            text.Append(CultureInfo.InvariantCulture,
                $"monolith_added_latency_seconds{{quantile=\"{quantile}\"}} {value.TotalSeconds}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"monolith_added_latency_seconds_sum {latency.Sum.TotalSeconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"monolith_added_latency_seconds_count {latency.Count}\n");
        if (counters.PublishedPosition is { CommitTimestamp: > 0 } published)
        {
            Metric("monolith_published_commit_timestamp_seconds", "gauge",
                "Source commit time of the latest published transaction.", published.CommitTimestamp);
        }

        foreach (var rollup in pipeline.Store.GetStatus())
        {
            var labels = $"{{rollup=\"{rollup.Name}\"}}";
            text.Append(CultureInfo.InvariantCulture, $"monolith_rollup_groups{labels} {rollup.LiveGroups}\n");
            text.Append(CultureInfo.InvariantCulture, $"monolith_rollup_bytes{labels} {rollup.TotalBytes}\n");
            text.Append(CultureInfo.InvariantCulture,
                $"monolith_rollup_rows_applied_total{labels} {rollup.RowsApplied}\n");
        }

        return text.ToString();
    }
}
