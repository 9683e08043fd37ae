using System.Diagnostics;
using System.Globalization;
using Monolith.Engine.Pipeline;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// Query latency under ingestion: the shop's workload (<c>monolith shop run</c>, a child process, as the shop's
/// application would be) runs as fast as the server takes it on several connections while one thread asks the
/// dashboard's questions of the rollups in a loop, each answer from the version published at that moment. Also
/// what the pipeline kept up with: rows applied per second, the time from a transaction's hand-off to its
/// visibility, and what the garbage collector did meanwhile. Only the window from the first of the workload's
/// transactions the pipeline sees to the workload's end counts: before it the workload reads its starting state
/// from the large tables, and nothing is ingested.
/// </summary>
internal static class LiveProbe
{
    public sealed record Result(
        Latencies All,
        IReadOnlyList<(string Title, Latencies Latencies)> PerQuery,
        double RowsPerSecond,
        TimeSpan HandOffToVisibleMax,
        TimeSpan Elapsed,
        TimeSpan BeforeFirstCommit,
        long Commits,
        long CommitRowChanges,
        TimeSpan WorkloadElapsed,
        LatencySnapshot AddedLatency,
        GcActivity Gc)
    {
        /// <summary>The window measured: from the workload's first transaction in the pipeline to its end.</summary>
        public TimeSpan Window => Elapsed - BeforeFirstCommit;
    }

    /// <summary>Collections of each generation, the time the runtime paused the process for them, and the bytes
    /// allocated by the process and by the querying thread.</summary>
    public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated,
        long QueryThreadAllocated)
    {
        /// <summary>Counters now; <paramref name="queryThread"/> is what the querying thread allocated so far.
        /// </summary>
        public static GcActivity Now(long queryThread) => new(GC.CollectionCount(0), GC.CollectionCount(1),
            GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), queryThread);

        public GcActivity Since(GcActivity start) =>
            new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused,
                Allocated - start.Allocated, QueryThreadAllocated - start.QueryThreadAllocated);
    }

    public static async Task<Result> RunAsync(PrivateServer server, MonolithPipeline pipeline,
        IReadOnlyList<DashboardQuery> queries, int seconds, int connections, CancellationToken cancel)
    {
        var peer = new MonolithPeer(pipeline.Queries);
        List<string> sql = [.. queries.Select(q => q.Monolith), DashboardQueries.LiveMinutes];
        List<string> titles = [.. queries.Select(q => q.Title), "Orders per minute, last 10 minutes (live)"];
        var perQuery = titles.Select(_ => new Latencies()).ToList();
        var all = new Latencies();
        long rowsBefore = 0, firstCommit = 0, queryThreadAllocated = 0;
        LatencyMark? addedBefore = null;
        var gcBefore = GcActivity.Now(0);
        var transactionsBefore = pipeline.Counters.Transactions;
        var started = Stopwatch.GetTimestamp();
        using var done = new CancellationTokenSource();
        var freshest = TimeSpan.Zero;

        var querying = new Thread(() =>
        {
            // Until the pipeline sees the workload's first transaction the queries only keep the code and caches
            // warm.
            while (pipeline.Counters.Transactions == transactionsBefore && !done.IsCancellationRequested)
            {
                peer.Run(sql[0]);
            }

            Volatile.Write(ref firstCommit, Stopwatch.GetTimestamp());
            rowsBefore = pipeline.Counters.Rows;
            addedBefore = pipeline.Counters.CommitToVisible.Mark();
            gcBefore = GcActivity.Now(GC.GetAllocatedBytesForCurrentThread());

            // The hand-off time on record until the next publish may be the catch-up's last transaction, which
            // waited behind the whole backlog in the ring: only publishes from here on count (the counter moves
            // just before the time is recorded, hence one publish more than strictly needed).
            var publishesBefore = pipeline.Counters.Publishes + 1;
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                Volatile.Write(ref queryThreadAllocated, GC.GetAllocatedBytesForCurrentThread());
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

        string output;
        try
        {
            output = await Processes.RunMonolithAsync(
            [
                "shop", "run", "--host", server.Host, "--port", server.Port.ToString(CultureInfo.InvariantCulture),
                "--user", server.AdminUser, "--password", server.AdminPassword, "--database", ShopDataset.Database,
                "--duration", seconds.ToString(CultureInfo.InvariantCulture),
                "--connections", connections.ToString(CultureInfo.InvariantCulture),
                "--seed", Environment.TickCount64.ToString(CultureInfo.InvariantCulture), "--time", "real",
            ]);
        }
        finally
        {
            await done.CancelAsync();
            querying.Join();
        }

        var ended = Stopwatch.GetTimestamp();
        var gc = GcActivity.Now(Volatile.Read(ref queryThreadAllocated)).Since(gcBefore);
        var added = addedBefore is null ? default : pipeline.Counters.CommitToVisible.SnapshotSince(addedBefore);
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        var first = Volatile.Read(ref firstCommit);
        var before = first == 0 ? elapsed : Stopwatch.GetElapsedTime(started, first);
        var window = elapsed - before;
        var rows = pipeline.Counters.Rows - rowsBefore;
        return new Result(all, titles.Zip(perQuery).ToList(),
            window > TimeSpan.Zero ? rows / window.TotalSeconds : 0, freshest, elapsed, before,
            Processes.Figure(output, "transactions"), Processes.Figure(output, "row changes"),
            TimeSpan.FromSeconds(Processes.Seconds(output)), added, gc);
    }
}
