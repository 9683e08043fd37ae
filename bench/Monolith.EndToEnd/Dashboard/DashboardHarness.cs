using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Monolith.Shop;
using MySqlConnector;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// The demo dashboard's questions at N orders, answered side by side in one run by Monolith's rollups (built by
/// tailing the binlog through the real pipeline), by DuckDB in process over a copy of the raw rows, and by
/// MariaDB's GROUP BY over the source tables with covering indexes; the answers must agree exactly. Then query
/// latency while the shop's workload runs at full speed. Prints Markdown for <c>bench/README.md</c>.
/// </summary>
internal static class DashboardHarness
{
    public const string Summary = "dashboard queries: Monolith rollups against DuckDB and MariaDB at N orders";

    // A buffer pool that holds the loaded tables and indexes, so MariaDB answers from memory; and binlog files
    // of 1 GB, so 10 million orders make a handful of files.
    private static readonly string[] s_serverSettings = ["innodb_buffer_pool_size=4G", "max_binlog_size=1G"];

    public static async Task<int> RunAsync(string[] args)
    {
        DashboardOptions options;
        try
        {
            options = DashboardOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var root = Processes.Root;
        var directory = Path.GetFullPath(
            options.Directory ?? Path.Combine(root, ".dev", $"dashboard-{options.Orders}"));
        var log = Console.Error;
        await log.WriteLineAsync($"mariadb: private server in {directory}");
        var server = await PrivateServer.StartAsync(directory, s_serverSettings);
        try
        {
            var report = await MeasureAsync(root, server, options, log, cancel.Token);
            await Console.Out.WriteLineAsync(report.ToMarkdown(options, directory));
            return report.AllAgree ? 0 : 1;
        }
        finally
        {
            await server.StopAsync(options.KeepServer);
            await log.WriteLineAsync(options.KeepServer ? $"mariadb: left running in {directory}" : "mariadb: stopped");
        }
    }

    private static async Task<DashboardReport> MeasureAsync(string root, PrivateServer server,
        DashboardOptions options, TextWriter log, CancellationToken cancel)
    {
        var report = new DashboardReport();
        var shop = new MySqlConnectionStringBuilder(server.AdminConnectionString)
        {
            CharacterSet = "utf8mb4",
            DefaultCommandTimeout = 3600,
        }.ConnectionString;
        report.LoadTime = await ShopDataset.EnsureAsync(shop, options.Orders, log, cancel);

        await using var admin = new MySqlConnection(shop);
        await admin.OpenAsync(cancel);
        await ShopDataset.ExecuteAsync(admin, "SET time_zone = '+00:00'", cancel);
        report.SourceRows = await SourceRowsAsync(admin, cancel);

        // Monolith: the pipeline from the first binlog file until it published the position after a marker.
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true));
        var started = Stopwatch.GetTimestamp();
        await using var ingest = RollupIngest.Start(root, server, loggers);
        await ingest.CatchUpAsync(admin, cancel);
        report.IngestTime = Stopwatch.GetElapsedTime(started);
        report.IngestRows = ingest.Pipeline.Counters.Rows;
        report.Rollups = ingest.Pipeline.Store.GetStatus();
        await log.WriteLineAsync($"monolith: {report.IngestRows:N0} row changes from the binlog in " +
                                 $"{report.IngestTime:g} " +
                                 $"({report.IngestRows / report.IngestTime.TotalSeconds:N0} rows/s)");

        // DuckDB: its own columnar copy of the raw rows (untimed).
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancel);
        report.DuckDbRows = DuckDbCopy.Copy(admin, duck, log);
        report.Versions = $"DuckDB {DuckDbPeer.Scalar(duck, "SELECT version()")}, MariaDB " +
                          MariaDbPeer.Read(admin, "SELECT VERSION()")[0][0];

        await CoveringIndexes.EnsureAsync(admin, log, cancel);

        var queries = DashboardQueries.For(ShopDataset.End);
        var monolith = new MonolithPeer(ingest.Pipeline.Queries);
        var duckdb = new DuckDbPeer(duck);
        var mariadb = new MariaDbPeer(admin);
        foreach (var query in queries)
        {
            var expected = Answer.From(monolith.Run(query), query.Ordered);
            var row = new DashboardReport.QueryRow(query.Title, expected);
            foreach (IQueryPeer peer in (IQueryPeer[])[duckdb, mariadb])
            {
                var difference = expected.Difference(Answer.From(peer.Run(query), query.Ordered));
                if (difference is not null)
                {
                    row.Differences.Add($"{peer.Name}: {difference}");
                    await log.WriteLineAsync($"DIFFERENT ANSWER to '{query.Title}' from {peer.Name}: {difference}");
                }
            }

            report.Queries.Add(row);
        }

        await log.WriteLineAsync($"answers compared; {report.Queries.Count(q => q.Differences.Count == 0)} of " +
                                 $"{queries.Count} agree on all three engines; timing");
        for (var q = 0; q < queries.Count; q++)
        {
            report.Queries[q].Monolith = Time(monolith, queries[q], options.MonolithRuns, warmUps: 50);
        }

        for (var q = 0; q < queries.Count; q++)
        {
            report.Queries[q].DuckDb = Time(duckdb, queries[q], options.DuckDbRuns, warmUps: 3);
        }

        for (var q = 0; q < queries.Count; q++)
        {
            report.Queries[q].MariaDb = Time(mariadb, queries[q], options.MariaDbRuns, warmUps: 1);
            await log.WriteLineAsync($"mariadb: '{queries[q].Title}' median " +
                                     Latencies.Format(report.Queries[q].MariaDb!.Median));
        }

        report.LoadAverage = LoadAverage();
        if (options.LiveSeconds > 0)
        {
            await log.WriteLineAsync($"live: workload on {options.Connections} connections for " +
                                     $"{options.LiveSeconds} s while querying");
            report.Live = await LiveProbe.RunAsync(server, ingest.Pipeline, queries, options.LiveSeconds,
                options.Connections, cancel);
            var catchUp = Stopwatch.GetTimestamp();
            await ingest.CatchUpAsync(admin, cancel);
            report.LiveCatchUp = Stopwatch.GetElapsedTime(catchUp);
            foreach (var query in queries)
            {
                var difference = Answer.From(monolith.Run(query), query.Ordered)
                    .Difference(Answer.From(mariadb.Run(query), query.Ordered));
                if (difference is not null)
                {
                    report.LiveDifferences.Add($"{query.Title}: {difference}");
                    await log.WriteLineAsync($"DIFFERENT ANSWER after the live phase to '{query.Title}': {difference}");
                }
            }
        }

        return report;
    }

    /// <summary>Warm-up runs (JIT, caches, buffer pool), then the timed runs.</summary>
    private static Latencies Time(IQueryPeer peer, DashboardQuery query, int runs, int warmUps)
    {
        for (var i = 0; i < warmUps; i++)
        {
            peer.Run(query);
        }

        var latencies = new Latencies();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            peer.Run(query);
            latencies.Add(start);
        }

        return latencies;
    }

    private static async Task<long> SourceRowsAsync(MySqlConnection admin, CancellationToken cancel)
    {
        long rows = 0;
        foreach (var table in (string[])["orders", "order_items", "payments"])
        {
            rows += await ShopDataset.ScalarAsync(admin, $"SELECT COUNT(*) FROM shop.{table}", cancel);
        }

        return rows;
    }

    /// <summary>The 1-minute load average, to report how busy the shared machine was.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
