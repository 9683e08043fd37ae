using System.Diagnostics;
using Monolith.Engine.Pipeline;
using Monolith.Shop.Workload;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// Query latency under ingestion: the shop's workload runs as fast as the server takes it on several
/// connections while one thread asks the dashboard's questions of the rollups in a loop, each answer from the
/// version published at that moment. Also what the pipeline kept up with: rows applied per second and the time
/// from a transaction's hand-off to its visibility.
/// </summary>
internal static class LiveProbe
{
    public sealed record Result(
        Latencies All,
        IReadOnlyList<(string Title, Latencies Latencies)> PerQuery,
        WorkloadReport Workload,
        double RowsPerSecond,
        TimeSpan HandOffToVisibleMax,
        TimeSpan Elapsed);

    public static async Task<Result> RunAsync(string connectionString, MonolithPipeline pipeline,
        IReadOnlyList<DashboardQuery> queries, int seconds, int connections, CancellationToken cancel)
    {
        var workload = new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = connectionString,
            Database = ShopDataset.Database,
            Seed = Environment.TickCount64,
            Connections = connections,
            Duration = TimeSpan.FromSeconds(seconds),
            TimeMode = ShopTimeMode.Real,
        });

        var peer = new MonolithPeer(pipeline.Queries);
        List<string> sql = [.. queries.Select(q => q.Monolith), DashboardQueries.LiveMinutes];
        List<string> titles = [.. queries.Select(q => q.Title), "Orders per minute, last 10 minutes (live)"];
        var perQuery = titles.Select(_ => new Latencies()).ToList();
        var all = new Latencies();
        var rowsBefore = pipeline.Counters.Rows;
        var started = Stopwatch.GetTimestamp();
        using var done = new CancellationTokenSource();
        var freshest = TimeSpan.Zero;

        var querying = new Thread(() =>
        {
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                var which = i % sql.Count;
                var start = Stopwatch.GetTimestamp();
                peer.Run(sql[which]);
                perQuery[which].Add(start);
                all.Add(start);
                var visible = pipeline.Counters.LastHandOffToVisible;
                if (visible > freshest)
                {
                    freshest = visible;
                }
            }
        })
        {
            Name = "dashboard-queries",
            IsBackground = true,
        };
        querying.Start();

        WorkloadReport report;
        try
        {
            report = await workload.RunAsync(cancel);
        }
        finally
        {
            await done.CancelAsync();
            querying.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var rows = pipeline.Counters.Rows - rowsBefore;
        return new Result(all, titles.Zip(perQuery).ToList(), report, rows / elapsed.TotalSeconds, freshest,
            elapsed);
    }
}
