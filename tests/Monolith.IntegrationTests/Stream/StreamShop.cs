using System.Collections.Concurrent;
using System.Diagnostics;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Shop;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// One shop, written once per server and shared by the stream tests: the schema and reference data, a seeded
/// workload whose simulated clock runs from Saturday evening 2024-03-30 to Monday 2024-04-01 (UTC), across the
/// night Berlin moves its clocks forward, with the shop's wall clock in Europe/Berlin, and then hand-written
/// updates and deletes on every table the tests read. The binlog position before the first statement lets each
/// test replay all of it through its own pipeline.
/// </summary>
internal sealed class StreamShop
{
    /// <summary>The shop's wall-clock zone, and the zone the Berlin rollups bucket instants in.</summary>
    public const string Zone = "Europe/Berlin";

    /// <summary>
    /// Changes after the workload, one transaction each: updates that move rows between groups and filters, and
    /// deletes, on every table the stream tests aggregate.
    /// </summary>
    private static readonly string[] s_changes =
    [
        "UPDATE order_items SET quantity = quantity + 1, line_total = line_total + unit_price WHERE id % 7 = 0",
        "DELETE FROM order_items WHERE id % 11 = 0",
        "UPDATE orders SET total = total + 0.05, discount = discount + 0.05 WHERE id % 6 = 0",
        "UPDATE orders SET coupon_code = 'SPRING24' WHERE id % 9 = 0 AND coupon_code IS NULL",
        "UPDATE orders SET cancel_reason = 'item out of stock (supplier)' WHERE id % 10 = 0 AND status = 'cancelled'",
        "DELETE FROM orders WHERE id % 13 = 0",
        "UPDATE payments SET amount = amount - 1.00 WHERE id % 5 = 0 AND amount > 2",
        "DELETE FROM payments WHERE id % 17 = 0",
        "UPDATE products SET attributes = JSON_SET(attributes, '$.weight_g', 999) WHERE id % 4 = 0",
        "UPDATE products SET stock = -stock WHERE id % 9 = 0",
        "UPDATE users SET birth_date = NULL WHERE id % 10 = 0",
        "DELETE FROM users WHERE id % 29 = 0",
        "SET time_zone = '+00:00'; START TRANSACTION; " +
        "INSERT INTO payments (order_id, method, status, amount, currency, fee_rate, provider_ref, paid_at) " +
        "VALUES (1, 'card', 'captured', 12.34, 'EUR', 0.0140, 'manual-1', '2024-03-31 00:59:59.999999'), " +
        "(1, 'klarna', 'captured', 0.01, 'EUR', 0.0290, 'manual-2', '2024-03-31 01:00:00'), " +
        "(2, 'card', 'refunded', 99.99, 'EUR', 0.0140, 'manual-3', '2024-03-30 22:59:59.999999'), " +
        "(2, 'card', 'captured', 5.00, 'EUR', 0.0140, 'manual-4', '2024-03-30 23:00:00'); " +
        "DELETE FROM payments WHERE provider_ref = 'manual-3'; COMMIT",
    ];

    private static readonly ConcurrentDictionary<PrivateMariaDb, Lazy<Task<StreamShop>>> s_shops = new();

    private StreamShop(string database, string start, WorkloadReport report)
    {
        Database = database;
        Start = start;
        Report = report;
    }

    /// <summary>The shop's database.</summary>
    public string Database { get; }

    /// <summary>The binlog position before the database was created, as <c>file:offset</c>.</summary>
    public string Start { get; }

    /// <summary>What the seeded workload did.</summary>
    public WorkloadReport Report { get; }

    /// <summary>The shop of <paramref name="server"/>, created on first use.</summary>
    public static Task<StreamShop> GetAsync(PrivateMariaDb server) =>
        s_shops.GetOrAdd(server, s => new Lazy<Task<StreamShop>>(() => CreateAsync(s))).Value;

    private static async Task<StreamShop> CreateAsync(PrivateMariaDb server)
    {
        await LoadZoneAsync(server);
        var (file, offset) = await server.GetBinlogPositionAsync();
        var database = ShopTestDatabase.NewName("stream");
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));
        var report = await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Seed = 20240331,
            MaxTransactions = 900,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStart = new DateTimeOffset(2024, 3, 30, 18, 0, 0, TimeSpan.Zero),
            SimulatedStep = TimeSpan.FromMinutes(2),
            TimeZone = Zone,

            // More cancellations, refunds and deleted users than a typical day, so that retractions are common.
            Mix = TransactionMix.Default
                .With(ShopTransactionKind.CancelOrder, 80)
                .With(ShopTransactionKind.RefundOrder, 50)
                .With(ShopTransactionKind.DeleteUser, 40),
        }).RunAsync();

        foreach (var statement in s_changes)
        {
            await server.ExecuteAsync(statement, database);
        }

        return new StreamShop(database, $"{file}:{offset}", report);
    }

    /// <summary>
    /// Loads Europe/Berlin into the server's time zone tables (once), so that MariaDB itself evaluates the
    /// Berlin wall clock for the ground truth.
    /// </summary>
    private static async Task LoadZoneAsync(PrivateMariaDb server)
    {
        if (await ShopTestDatabase.ScalarAsync(server, "mysql",
                $"SELECT COUNT(*) FROM time_zone_name WHERE Name = '{Zone}'") > 0)
        {
            return;
        }

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            $"mariadb-tzinfo-to-sql /usr/share/zoneinfo/{Zone} {Zone} | mariadb --host={server.Host} " +
            $"--port={server.Port} --user={server.AdminUser} --password={server.AdminPassword} mysql");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Loading the time zone {Zone} into MariaDB failed: {errors}");
        }
    }
}
