using System.Diagnostics;
using Monolith.Engine.Pipeline;
using Monolith.Shop.Workload;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// Query latency under ingestion: the shop's workload runs as fast as the server takes it on several
/// connections while one thread asks the dashboard's questions of the rollups in a loop, each answer from the
/// version published at that moment. Also what the pipeline kept up with: rows applied per second and the time
/// from a transaction's hand-off to its visibility. Only the window from the workload's first commit to its
/// end counts: before it the workload reads its starting state from the large tables, and nothing is ingested.
/// </summary>
internal static class LiveProbe
{
    public sealed record Result(
        Latencies All,
        IReadOnlyList<(string Title, Latencies Latencies)> PerQuery,
        WorkloadReport Workload,
        double RowsPerSecond,
        TimeSpan HandOffToVisibleMax,
        TimeSpan Elapsed,
        TimeSpan BeforeFirstCommit,
        long Commits,
        long CommitRowChanges,
        LatencySnapshot AddedLatency,
        GcActivity Gc)
    {
        /// <summary>The window measured: from the workload's first commit to its end.</summary>
        public TimeSpan Window => Elapsed - BeforeFirstCommit;
    }

    /// <summary>Collections of each generation and the time the runtime paused the process for them.</summary>
    public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static GcActivity Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration());

        public GcActivity Since(GcActivity start) =>
            new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);
    }

    public static async Task<Result> RunAsync(string connectionString, MonolithPipeline pipeline,
        IReadOnlyList<DashboardQuery> queries, int seconds, int connections, CancellationToken cancel)
    {
        long firstCommit = 0, commits = 0, commitRows = 0;
        var workload = new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = connectionString,
            Database = ShopDataset.Database,
            Seed = Environment.TickCount64,
            Connections = connections,
            Duration = TimeSpan.FromSeconds(seconds),
            TimeMode = ShopTimeMode.Real,
            OnCommit = commit =>
            {
                Interlocked.CompareExchange(ref firstCommit, commit.CommittedTimestamp, 0);
                Interlocked.Increment(ref commits);
                Interlocked.Add(ref commitRows, commit.RowChanges);
            },
        });

        var peer = new MonolithPeer(pipeline.Queries);
        List<string> sql = [.. queries.Select(q => q.Monolith), DashboardQueries.LiveMinutes];
        List<string> titles = [.. queries.Select(q => q.Title), "Orders per minute, last 10 minutes (live)"];
        var perQuery = titles.Select(_ => new Latencies()).ToList();
        var all = new Latencies();
        long rowsBefore = 0;
        LatencyMark? addedBefore = null;
        var gcBefore = GcActivity.Now();
        var started = Stopwatch.GetTimestamp();
        using var done = new CancellationTokenSource();
        var freshest = TimeSpan.Zero;

        var querying = new Thread(() =>
        {
            // Until the first commit the queries only keep the code and caches warm.
            while (Volatile.Read(ref firstCommit) == 0 && !done.IsCancellationRequested)
            {
                peer.Run(sql[0]);
            }

            rowsBefore = pipeline.Counters.Rows;
            addedBefore = pipeline.Counters.CommitToVisible.Mark();
            gcBefore = GcActivity.Now();

            // The hand-off time on record until the next publish is the catch-up's last transaction, which waited
            // behind the whole backlog in the ring: only publishes after the workload's first commit count (the
            // counter moves just before the time is recorded, hence one publish more than strictly needed).
            var publishesBefore = pipeline.Counters.Publishes + 1;
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                var which = i % sql.Count;
                var start = Stopwatch.GetTimestamp();
                peer.Run(sql[which]);
                perQuery[which].Add(start);
                all.Add(start);
                if (pipeline.Counters.Publishes > publishesBefore)
                {
                    var visible = pipeline.Counters.LastHandOffToVisible;
                    if (visible > freshest)
                    {
                        freshest = visible;
                    }
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

        var ended = Stopwatch.GetTimestamp();
        var gc = GcActivity.Now().Since(gcBefore);
        var added = addedBefore is null
            ? default
            : pipeline.Counters.CommitToVisible.SnapshotSince(addedBefore);
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        var first = Interlocked.Read(ref firstCommit);
        var before = first == 0 ? elapsed : Stopwatch.GetElapsedTime(started, first);
        var window = elapsed - before;
        var rows = pipeline.Counters.Rows - rowsBefore;
        return new Result(all, titles.Zip(perQuery).ToList(), report,
            window > TimeSpan.Zero ? rows / window.TotalSeconds : 0, freshest, elapsed, before,
            Interlocked.Read(ref commits), Interlocked.Read(ref commitRows), added, gc);
    }
}
