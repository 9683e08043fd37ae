using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups;
using Monolith.IntegrationTests.Http;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Shop;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// One private MariaDB with the Europe/Berlin zone loaded, the ledger and the shop, and the in-process pipeline
/// tailing it from the oldest binlog. The fixture starts the pipeline first, drives the seeded ledger workload and
/// the shop's simulated-time workload while it runs, and waits until the pipeline has published the server's
/// last position. The Olap tests then query the rollups, in process and over Monolith's Druid HTTP API, and compare
/// with MariaDB's own aggregates.
/// </summary>
public sealed class OlapFixture : IAsyncLifetime
{
    public const string LedgerDatabase = "olap_ledger";
    public const string ShopDatabase = "olap_shop";
    public const int LedgerTransactions = 1200;
    public const int ShopTransactions = 1500;

    /// <summary>The request size limit of <see cref="Http"/>, small enough for a test to exceed it.</summary>
    public const long MaxRequestBytes = 64 * 1024;

    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public PrivateMariaDb Server { get; } = new();

    public MonolithPipeline Pipeline { get; private set; } = null!;

    public QueryEngine Queries => Pipeline.Queries;

    /// <summary>Monolith's Druid endpoints over <see cref="Queries"/> on a free loopback port.</summary>
    public DruidHttpHost Http { get; private set; } = null!;

    /// <summary>Operations the ledger workload ran, by kind.</summary>
    internal IReadOnlyDictionary<string, int> LedgerOperations { get; private set; } =
        new Dictionary<string, int>();

    public WorkloadReport ShopReport { get; private set; } = null!;

    /// <summary>The shop rollups by name: those of <c>data/shop.json</c>
    /// plus a few covering more aggregators.</summary>
    public static IReadOnlyDictionary<string, string> ShopRollups { get; } = ReadShopRollups();

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await LoadZoneAsync(Server, "Europe/Berlin");
        await Server.ExecuteAsync($"CREATE DATABASE {LedgerDatabase}");
        await Server.ExecuteAsync(LedgerSchema.CreateTable, LedgerDatabase);
        await Monolith.Shop.Schema.ShopDatabase.CreateAsync(ShopTestDatabase.Options(Server, ShopDatabase));

        var rollups = LedgerSchema.Rollups.Select(r => RollupDefinition.Parse(r.Name, r.Sql(LedgerDatabase),
                new RollupOptions
                {
                    TimeZone = r.ZoneOption is null ? null : TimeZoneInfo.FindSystemTimeZoneById(r.ZoneOption),
                }))
            .Concat(ShopRollups.Select(r => RollupDefinition.Parse(r.Key, r.Value)))
            .ToList();
        Pipeline = new MonolithPipeline(SourceOptions(Server, 7101), rollups, NullLoggerFactory.Instance);
        _running = Task.Run(() => Pipeline.RunAsync(_stop.Token));

        var ledger = new LedgerWorkload(Server.AdminConnectionString(LedgerDatabase), seed: 20240220);
        var shop = new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = Server.AdminConnectionString(),
            Database = ShopDatabase,
            Seed = 7,
            MaxTransactions = ShopTransactions,
            TimeMode = ShopTimeMode.Simulated,
            TimeZone = "Europe/Berlin",
            SimulatedStart = new DateTimeOffset(2024, 3, 28, 18, 0, 0, TimeSpan.Zero),
            SimulatedStep = TimeSpan.FromMinutes(5),
        });
        var shopRun = shop.RunAsync();
        await ledger.RunAsync(LedgerTransactions);
        ShopReport = await shopRun;
        LedgerOperations = ledger.Operations;
        await CatchUpAsync(Server, Pipeline, _running);
        Http = await DruidHttpHost.StartAsync(Queries, MaxRequestBytes);
    }

    public async Task DisposeAsync()
    {
        if (Http is not null)
        {
            await Http.DisposeAsync();
        }

        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        if (Pipeline is not null)
        {
            await Pipeline.DisposeAsync();
        }

        _stop.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A replica of the server as the monolith user, from the oldest binlog.</summary>
    internal static ReplicationOptions SourceOptions(PrivateMariaDb server, uint serverId) => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = server.User,
        Password = server.Password,
        ServerId = serverId,
        Start = "earliest",
        TlsMode = TlsMode.Disabled,
        HeartbeatPeriod = TimeSpan.FromSeconds(1),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Loads one zone of the system's zoneinfo into the server's time zone tables.</summary>
    internal static async Task LoadZoneAsync(PrivateMariaDb server, string zone)
    {
        var start = new ProcessStartInfo("mariadb-tzinfo-to-sql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("/usr/share/zoneinfo", zone));
        start.ArgumentList.Add(zone);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start mariadb-tzinfo-to-sql.");
        var sql = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-tzinfo-to-sql failed: {error}");
        }

        await server.ExecuteAsync(sql, "mysql");
    }

    /// <summary>
    /// Waits until the pipeline has published the position the server reports now: every committed transaction
    /// is then visible to queries.
    /// </summary>
    internal static async Task CatchUpAsync(PrivateMariaDb server, MonolithPipeline pipeline, Task running)
    {
        var (file, position) = await server.GetBinlogPositionAsync();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (pipeline.Counters.PublishedPosition?.Position is { } published &&
                (string.CompareOrdinal(published.File, file) > 0 ||
                 (published.File == file && published.Offset >= position)))
            {
                return;
            }

            if (running.IsCompleted)
            {
                await running;
                throw new InvalidOperationException("The pipeline stopped before it caught up.");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException(
                    $"The pipeline published {pipeline.Counters.PublishedPosition?.ToString() ?? "nothing"} but " +
                    $"the server is at {file}:{position} ({pipeline.SourceStatus.State}, " +
                    $"{pipeline.SourceStatus.LastError}).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Opens an admin connection whose session reads TIMESTAMPs in Europe/Berlin.</summary>
    internal async Task<MySqlConnection> OpenBerlinAsync(string database)
    {
        var connection = await Server.OpenAdminAsync(database);
        await using var command = new MySqlCommand("SET time_zone = 'Europe/Berlin'", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static Dictionary<string, string> ReadShopRollups()
    {
        var path = Path.Combine(RepositoryPaths.Root, "data", "shop.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        // Join rollups have their own temporal ground truth (Pipeline/JoinRollupsTests).
        var rollups = config.RootElement.GetProperty("Rollups").EnumerateObject()
            .Where(p => !p.Value.GetString()!.Contains(" JOIN ", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Name, p => p.Value.GetString()!.Replace("FROM shop.", $"FROM {ShopDatabase}.",
                StringComparison.Ordinal), StringComparer.Ordinal);
        rollups["orders_daily"] =
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, status, country, COUNT(*) AS orders, " +
            "SUM(total) AS revenue, AVG(total) AS avg_total, MIN(total) AS min_total, MAX(total) AS max_total, " +
            "COUNT(coupon_code) AS with_coupon, COUNT(DISTINCT user_id) AS customers, " +
            "APPROX_COUNT_DISTINCT(user_id) AS approx_customers, APPROX_QUANTILE_DS(total, 0.9) AS total_sketch, " +
            "SUM(item_count) AS items, MIN(created_at) AS first_order, MAX(paid_at) AS last_paid " +
            $"FROM {ShopDatabase}.orders GROUP BY 1, 2, 3";
        rollups["payments_berlin_day"] =
            "SELECT TIME_FLOOR(paid_at, 'P1D', NULL, 'Europe/Berlin') AS __time, method, status, " +
            "COUNT(*) AS payments, SUM(amount) AS amount, MIN(amount) AS min_amount, MAX(amount) AS max_amount, " +
            "SUM(fee_rate) AS fee_rates " +
            $"FROM {ShopDatabase}.payments GROUP BY 1, 2, 3";
        rollups["orders_monthly"] =
            "SELECT TIME_FLOOR(created_at, 'P1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue, " +
            $"SUM(discount) AS discounts FROM {ShopDatabase}.orders GROUP BY 1, 2";
        return rollups;
    }
}
