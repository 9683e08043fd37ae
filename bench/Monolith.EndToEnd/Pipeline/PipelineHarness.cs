using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Replication;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.Shop;
using Monolith.Shop.Bulk;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.EndToEnd.Pipeline;

/// <summary>
/// The demo shop under load with Monolith tailing it, measured beside MariaDB itself:
/// <list type="number">
/// <item>MariaDB alone: the seeded workload at full speed, the rate the server sustains.</item>
/// <item>The same workload with the pipeline tailing the server in this process: the rate the pipeline applies,
/// and freshness, the time from a transaction's commit (acknowledged to the client) to its visibility in a rollup
/// query, measured with probe transactions committed every few milliseconds on their own connection.</item>
/// <item>Catch-up: bulk-loaded orders already in the binlog, read from the start: row changes per second.</item>
/// </list>
/// Resident memory of this process (the pipeline; the workload runs in a child process) is sampled throughout.
/// </summary>
internal static class PipelineHarness
{
    private const string Probe = "probe_visibility";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = HarnessOptions.Parse(args);
        var server = await PrivateServer.StartAsync(options.Directory);
        Console.WriteLine($"MariaDB at {server.Host}:{server.Port}; {options.Seconds} s per phase, " +
            $"{options.Connections} workload connection(s), machine load {Load()}");

        var database = "bench_" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString,
            Database = database,
            Recreate = true,
        });
        await ExecuteAsync(server, database,
            $"CREATE TABLE {Probe} (id BIGINT UNSIGNED PRIMARY KEY, at TIMESTAMP(6) NOT NULL)");

        // 1. MariaDB alone.
        // The probe transactions run in both phases, so that the comparison carries the same extra commits.
        var unobserved = new ProbeLoop(server, database, pipeline: null, firstId: 1);
        var unobservedProbing = unobserved.RunAsync(TimeSpan.FromMilliseconds(options.ProbeIntervalMs));
        var alone = await RunWorkloadAsync(server, database, options, seed: 1);
        unobserved.Stop();
        await unobservedProbing;
        Console.WriteLine($"MariaDB alone: {alone.Transactions:N0} transactions, {alone.RowChanges:N0} row changes " +
            $"in {alone.Seconds:F1} s");

        // 2. With the pipeline tailing the server.
        var (file, offset) = await server.PositionAsync();
        var rollups = Rollups(database);
        await using var pipeline = new MonolithPipeline(server.Replication($"{file}:{offset}", 9101), rollups,
            NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => pipeline.RunAsync(stop.Token));
        var memory = new MemorySampler();
        var probes = new ProbeLoop(server, database, pipeline, firstId: unobserved.NextId);
        var probing = probes.RunAsync(TimeSpan.FromMilliseconds(options.ProbeIntervalMs));
        var rowsBefore = pipeline.Counters.Rows;
        var clock = Stopwatch.StartNew();
        var tailed = await RunWorkloadAsync(server, database, options, seed: 2);
        probes.Stop();
        await probing;
        var caughtUp = await WaitForAsync(server, pipeline);
        var applied = pipeline.Counters.Rows - rowsBefore;
        var appliedSeconds = clock.Elapsed.TotalSeconds - caughtUp.TotalSeconds;
        var added = pipeline.Counters.CommitToVisible.Snapshot();
        memory.Sample();
        await stop.CancelAsync();
        await running;

        // 3. Catch-up from the binlog of bulk-loaded orders.
        var catchUp = await CatchUpAsync(server, database, options, rollups);

        var mariadbRate = alone.RowChanges / alone.Seconds;
        var tailedRate = tailed.RowChanges / tailed.Seconds;
        var f = probes.Freshness;
        Console.WriteLine();
        Console.WriteLine($"Command: dotnet run -c Release --project bench/Monolith.EndToEnd -- pipeline " +
            string.Join(' ', args));
        Console.WriteLine($"Machine load average at the end: {Load()}");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| MariaDB alone: row changes/s sustained ({options.Connections} connections) " +
            $"| {mariadbRate:N0} ({alone.Transactions / alone.Seconds:N0} transactions/s) |");
        Console.WriteLine($"| MariaDB with Monolith tailing: row changes/s sustained | {tailedRate:N0} " +
            $"({tailedRate / mariadbRate:P0} of alone) |");
        Console.WriteLine($"| Monolith: row changes/s applied while tailing | {applied / appliedSeconds:N0} |");
        Console.WriteLine($"| Monolith: time to catch up after the workload stopped | " +
            $"{caughtUp.TotalMilliseconds:N1} ms |");
        Console.WriteLine($"| Freshness, commit acknowledged to visible in a query: p50 / p99 / max " +
            $"({f.TotalCount:N0} probes) | {Ms(f, 50)} / {Ms(f, 99)} / {Ms(f, 100)} |");
        Console.WriteLine($"| Monolith's added latency, commit event read to version published: p50 / p99 / max " +
            $"({added.Count:N0} transactions) | {Ms(added.P50)} / {Ms(added.P99)} / {Ms(added.Max)} |");
        Console.WriteLine($"| Monolith: catch-up from the binlog of {catchUp.Orders:N0} bulk-loaded orders | " +
            $"{catchUp.RowChanges / catchUp.Seconds:N0} row changes/s ({catchUp.RowChanges:N0} in " +
            $"{catchUp.Seconds:F2} s) |");
        Console.WriteLine($"| Resident memory of the Monolith process: start / peak | " +
            $"{memory.StartMb:N0} MB / {memory.PeakMb:N0} MB |");
        await server.StopAsync(options.KeepServer);
        return 0;
    }

    private static string Ms(LongHistogram histogram, double percentile) =>
        (histogram.GetValueAtPercentile(percentile) / 1000.0).ToString("N2", CultureInfo.InvariantCulture) + " ms";

    private static string Ms(TimeSpan time) =>
        time.TotalMilliseconds.ToString("N3", CultureInfo.InvariantCulture) + " ms";

    private static string Load() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";

    private static IReadOnlyList<RollupDefinition> Rollups(string database) =>
    [
        RollupDefinition.Parse("orders_per_minute",
            $"SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
            $"FROM {database}.orders GROUP BY 1, 2"),
        RollupDefinition.Parse("revenue_per_hour",
            $"SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, country, currency, COUNT(*) AS orders, " +
            $"SUM(total) AS revenue, COUNT(DISTINCT user_id) AS customers FROM {database}.orders " +
            "WHERE status <> 'cancelled' GROUP BY 1, 2, 3"),
        RollupDefinition.Parse("items_per_hour",
            $"SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, product_id, COUNT(*) AS lines, " +
            $"SUM(quantity) AS units FROM {database}.order_items GROUP BY 1, 2"),
        RollupDefinition.Parse("payments_per_minute",
            $"SELECT TIME_FLOOR(paid_at, 'PT1M') AS __time, method, COUNT(*) AS payments, SUM(amount) AS amount, " +
            $"MIN(amount) AS smallest, MAX(amount) AS largest FROM {database}.payments GROUP BY 1, 2"),
        RollupDefinition.Parse(Probe,
            $"SELECT TIME_FLOOR(at, 'PT1H') AS __time, COUNT(*) AS probes, MAX(id) AS last " +
            $"FROM {database}.{Probe} GROUP BY 1"),
    ];

    private static async Task<(long Transactions, long RowChanges, double Seconds)> RunWorkloadAsync(
        PrivateServer server, string database, HarnessOptions options, int seed)
    {
        // The workload runs as a child process (monolith shop run), so that this process's memory is Monolith's.
        var output = await Processes.RunMonolithAsync(
            ["shop", "run", "--host", server.Host, "--port", server.Port.ToString(CultureInfo.InvariantCulture),
             "--user", server.AdminUser, "--password", server.AdminPassword, "--database", database,
             "--duration", options.Seconds.ToString(CultureInfo.InvariantCulture),
             "--connections", options.Connections.ToString(CultureInfo.InvariantCulture),
             "--seed", seed.ToString(CultureInfo.InvariantCulture), "--time", "real"]);
        var transactions = Processes.Figure(output, "transactions");
        var rows = Processes.Figure(output, "row changes");
        var seconds = Processes.Seconds(output);
        return (transactions, rows, seconds);
    }

    private static async Task<TimeSpan> WaitForAsync(PrivateServer server, MonolithPipeline pipeline)
    {
        var (file, offset) = await server.PositionAsync();
        var clock = Stopwatch.StartNew();
        while (pipeline.Counters.PublishedPosition is not { } p ||
               string.CompareOrdinal(p.Position.File, file) < 0 ||
               p.Position.File == file && p.Position.Offset < offset)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"the pipeline did not reach {file}:{offset}");
            }

            await Task.Delay(1);
        }

        return clock.Elapsed;
    }

    private static async Task<(long Orders, long RowChanges, double Seconds)> CatchUpAsync(PrivateServer server,
        string database, HarnessOptions options, IReadOnlyList<RollupDefinition> rollups)
    {
        var (file, offset) = await server.PositionAsync();
        var loaded = await new ShopBulkLoader(new BulkLoadOptions
        {
            ConnectionString = server.AdminConnectionString,
            Database = database,
            Orders = options.CatchUpOrders,
            Seed = 3,
        }).LoadAsync(null, CancellationToken.None);
        await using var pipeline = new MonolithPipeline(server.Replication($"{file}:{offset}", 9102), rollups,
            NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var running = Task.Run(() => pipeline.RunAsync(stop.Token));
        await WaitForAsync(server, pipeline);
        var seconds = clock.Elapsed.TotalSeconds;
        var rows = pipeline.Counters.Rows;
        await stop.CancelAsync();
        await running;
        return (loaded.Orders, rows, seconds);
    }

    private static async Task ExecuteAsync(PrivateServer server, string database, string sql)
    {
        await using var connection = new MySqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await connection.ChangeDatabaseAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Commits one probe row at a time and times how long until the probe rollup shows it.</summary>
    private sealed class ProbeLoop(PrivateServer server, string database, MonolithPipeline? pipeline, ulong firstId)
    {
        private volatile bool _stopped;

        /// <summary>The id the next probe row would take.</summary>
        public ulong NextId { get; private set; } = firstId;

        public LongHistogram Freshness { get; } = new(TimeStamp.Minutes(1), 3);

        public void Stop() => _stopped = true;

        public async Task RunAsync(TimeSpan interval)
        {
            await using var connection = new MySqlConnection(server.AdminConnectionString);
            await connection.OpenAsync();
            await connection.ChangeDatabaseAsync(database);
            for (var id = NextId; !_stopped; id++)
            {
                await using (var insert = new MySqlCommand(
                    $"INSERT INTO {Probe} (id, at) VALUES ({id}, NOW(6))", connection))
                {
                    await insert.ExecuteNonQueryAsync();
                }

                NextId = id + 1;
                if (pipeline is null)
                {
                    // Without a pipeline the probe only adds its commits, at the rate it does when observed.
                    await Task.Delay(interval);
                    continue;
                }

                var rollup = pipeline.Store[Probe];

                var committed = Stopwatch.GetTimestamp();
                var version = rollup.Current;
                var spin = new SpinWait();
                while (!Visible(id))
                {
                    if (Stopwatch.GetElapsedTime(committed) > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException($"probe {id} never became visible");
                    }

                    // Wait for the next published version rather than querying in a loop. The wait spins, then
                    // yields, and now and then sleeps a millisecond: a waiter that never slept would take one of
                    // the two cores from the server and the pipeline it is measuring.
                    while (ReferenceEquals(version, rollup.Current))
                    {
                        spin.SpinOnce();
                    }

                    version = rollup.Current;
                }

                var micros = (long)Stopwatch.GetElapsedTime(committed).TotalMicroseconds;
                Freshness.RecordValue(Math.Max(micros, 0));
                await Task.Delay(interval);
            }
        }

        private bool Visible(ulong id)
        {
            var result = pipeline!.Queries.ExecuteSql($"SELECT MAX(\"last\") FROM {Probe}");
            return result.RowCount == 1 && result.GetValue(0, 0) is { } last &&
                Convert.ToUInt64(last, CultureInfo.InvariantCulture) >= id;
        }
    }

    private sealed class MemorySampler
    {
        private readonly Timer _timer;

        public MemorySampler()
        {
            StartMb = Current();
            PeakMb = StartMb;
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }

        public double StartMb { get; }

        public double PeakMb { get; private set; }

        public void Sample() => PeakMb = Math.Max(PeakMb, Current());

        private static double Current()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64 / 1048576.0;
        }
    }

    private sealed record HarnessOptions(string Directory, int Seconds, int Connections, long CatchUpOrders,
        int ProbeIntervalMs, bool KeepServer)
    {
        public static HarnessOptions Parse(string[] args)
        {
            string Get(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            return new HarnessOptions(
                Get("dir", Path.Combine(Processes.Root, ".dev", "bench-pipeline")),
                int.Parse(Get("seconds", "20"), CultureInfo.InvariantCulture),
                int.Parse(Get("connections", "4"), CultureInfo.InvariantCulture),
                long.Parse(Get("catchup-orders", "200000"), CultureInfo.InvariantCulture),
                int.Parse(Get("probe-ms", "5"), CultureInfo.InvariantCulture),
                args.Contains("--keep-server"));
        }
    }
}
