using System.Diagnostics;
using System.Globalization;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Replication;
using Monolith.Binlog.Text;
using Monolith.Shop.Bulk;
using Monolith.Shop.Schema;
using MySqlConnector;

namespace Monolith.EndToEnd.Decode;

/// <summary>
/// Decoding speed over one binlog of bulk-loaded demo-shop orders (at least a million row changes), in one run:
/// <list type="number">
/// <item>Monolith's decoder over the file, every value decoded (what <c>monolith binlog stats</c> does).</item>
/// <item><c>mariadb-binlog --base64-output=decode-rows -v FILE &gt; /dev/null</c> over the same file.</item>
/// <item>Live from the same server: Monolith's replication client and decoder, then the Node.js reader
/// <c>@vlasky/zongji</c>, each reading the file from its start until every row change has arrived.</item>
/// </list>
/// Options: <c>--orders N</c> (default 300,000, about 3.7 row changes each), <c>--dir FOLDER</c> for the private
/// server (default <c>.dev/bench-decode</c>), <c>--keep</c> to leave the server running.
/// </summary>
internal static class DecodeHarness
{
    private const uint MonolithServerId = 9201;
    private const uint ZongjiServerId = 9202;

    public static async Task<int> RunAsync(string[] args)
    {
        var orders = 300_000L;
        var directory = Path.Combine(Processes.Root, ".dev", "bench-decode");
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--orders" when i + 1 < args.Length:
                    orders = long.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--dir" when i + 1 < args.Length:
                    directory = Path.GetFullPath(args[++i]);
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync(
                        $"decode: unknown option '{args[i]}'; options: --orders N, --dir FOLDER, --keep");
                    return 2;
            }
        }

        var node = Path.Combine(Processes.Root, "bench", "Monolith.EndToEnd", "Decode", "node");
        if (!Directory.Exists(Path.Combine(node, "node_modules", "@vlasky", "zongji")))
        {
            await Console.Error.WriteLineAsync($"decode: the Node.js peer is not installed; run 'npm ci' in {node}");
            return 2;
        }

        var server = await PrivateServer.StartAsync(directory);
        try
        {
            var (file, path) = await WriteBinlogAsync(server, directory, orders);
            var size = new FileInfo(path).Length;
            Console.WriteLine($"binlog {file}: {size / 1e6:F1} MB, machine load {Load()}");

            var monolithFile = await BinlogCommands.StatsAsync([path]);
            var rows = monolithFile.Rows;
            Console.WriteLine(
                $"  monolith, file:       {rows:N0} row changes in {monolithFile.Elapsed.TotalSeconds:F2} s");
            var mariadbFile = await MariadbBinlogAsync(path);
            Console.WriteLine($"  mariadb-binlog, file: {mariadbFile.TotalSeconds:F2} s");
            var monolithLive = await MonolithLiveAsync(server, file, rows);
            Console.WriteLine($"  monolith, live:       {monolithLive.TotalSeconds:F2} s");
            var zongjiLive = await ZongjiAsync(server, node, file, rows);
            Console.WriteLine($"  zongji, live:         {zongjiLive.TotalSeconds:F2} s");

            Console.WriteLine();
            Console.WriteLine($"{"reader",-34} {"seconds",8} {"rows/s",12} {"MB/s",8} {"vs Monolith",12}");
            Row("monolith decoder, file", monolithFile.Elapsed, monolithFile.Elapsed);
            Row("mariadb-binlog -v, file", mariadbFile, monolithFile.Elapsed);
            Row("monolith client+decoder, live", monolithLive, monolithLive);
            Row("@vlasky/zongji (Node.js), live", zongjiLive, monolithLive);

            void Row(string name, TimeSpan elapsed, TimeSpan monolith) => Console.WriteLine(
                $"{name,-34} {elapsed.TotalSeconds,8:F2} {rows / elapsed.TotalSeconds,12:N0} " +
                $"{size / 1e6 / elapsed.TotalSeconds,8:F1} {elapsed / monolith,11:F2}x");
        }
        finally
        {
            await server.StopAsync(keep);
        }

        return 0;
    }

    /// <summary>Bulk-loads orders into a fresh binlog file of their own and closes it.</summary>
    private static async Task<(string File, string Path)> WriteBinlogAsync(PrivateServer server, string directory,
        long orders)
    {
        var database = "decode_" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString,
            Database = database,
            Recreate = true,
        });
        await ExecuteAsync(server, "FLUSH BINARY LOGS");
        var (file, _) = await server.PositionAsync();
        var report = await new ShopBulkLoader(new BulkLoadOptions
        {
            ConnectionString = server.AdminConnectionString,
            Database = database,
            Orders = orders,
        }).LoadAsync();
        await ExecuteAsync(server, "FLUSH BINARY LOGS");
        Console.WriteLine($"bulk load: {report.Rows:N0} rows ({report.Orders:N0} orders) in " +
            $"{report.Elapsed.TotalSeconds:F1} s into {database}");
        return (file, Path.Combine(directory, "data", file));
    }

    private static async Task<TimeSpan> MariadbBinlogAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        await Processes.RunAsync("sh",
            ["-c", "mariadb-binlog --base64-output=decode-rows -v \"$0\" > /dev/null", path]);
        return clock.Elapsed;
    }

    /// <summary>Client and decoder from the file's start to the end of the binlog, every value decoded.</summary>
    private static async Task<TimeSpan> MonolithLiveAsync(PrivateServer server, string file, long rows)
    {
        using var consumer = new BinlogStatsConsumer();
        using var decoder = new BinlogDecoder(consumer);
        var options = server.Replication($"{file}:4", MonolithServerId);
        options.StopAtEnd = true;
        var clock = Stopwatch.StartNew();
        await new ReplicationClient(options, new FeedingHandler(decoder)).RunAsync();
        var elapsed = clock.Elapsed;
        var received = consumer.GetCounts().Sum(t => t.Inserted + t.Updated + t.Deleted);
        if (received < rows)
        {
            throw new InvalidOperationException($"the live stream delivered {received:N0} of {rows:N0} row changes");
        }

        return elapsed;
    }

    private static async Task<TimeSpan> ZongjiAsync(PrivateServer server, string node, string file, long rows)
    {
        var output = await Processes.RunAsync("node", [Path.Combine(node, "count-rows.mjs"), server.Host,
            server.Port.ToString(CultureInfo.InvariantCulture), server.AdminUser, server.AdminPassword, file, "4",
            rows.ToString(CultureInfo.InvariantCulture), ZongjiServerId.ToString(CultureInfo.InvariantCulture)]);
        var elapsed = output.Split(' ', '\n').Single(part => part.StartsWith("elapsed_ms=", StringComparison.Ordinal));
        return TimeSpan.FromMilliseconds(double.Parse(elapsed["elapsed_ms=".Length..], CultureInfo.InvariantCulture));
    }

    private static async Task ExecuteAsync(PrivateServer server, string sql)
    {
        await using var connection = new MySqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Feeds the replication stream into the decoder.</summary>
    private sealed class FeedingHandler(BinlogDecoder decoder) : IBinlogEventHandler
    {
        public void OnEvent(ReadOnlySpan<byte> eventBytes) => decoder.Feed(eventBytes);

        public ResumePoint? GetResumePoint() => decoder.GetResumePoint();

        public void OnConnectionLost(Exception reason) => decoder.AbandonTransaction();

        public void OnStreamStarted(ReplicationStreamStart start)
        {
        }
    }
}
