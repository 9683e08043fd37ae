using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;

namespace Monolith.IntegrationTests.Shop;

[Collection(MariaDbCollection.Name)]
public sealed class ShopWorkloadTests(PrivateMariaDb server)
{
    private static readonly string[] s_statuses = ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"];

    private async Task<string> CreateShopAsync(string prefix)
    {
        var database = ShopTestDatabase.NewName(prefix);
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));
        return database;
    }

    private ShopWorkloadOptions Workload(string database, long transactions, int connections = 1) => new()
    {
        ConnectionString = server.AdminConnectionString(),
        Database = database,
        Seed = 1234,
        Connections = connections,
        MaxTransactions = transactions,
        TimeMode = ShopTimeMode.Simulated,
        SimulatedStart = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero),
        SimulatedStep = TimeSpan.FromSeconds(7),
    };

    [Fact]
    public async Task Same_seed_and_one_connection_write_identical_tables()
    {
        var a = await CreateShopAsync("shop_det_a");
        var b = await CreateShopAsync("shop_det_b");

        var first = await new ShopWorkload(Workload(a, 600)).RunAsync();
        var second = await new ShopWorkload(Workload(b, 600)).RunAsync();

        Assert.Equal(600, first.Transactions);
        Assert.Equal(first.Tables, second.Tables);
        foreach (var table in ShopSchema.Tables)
        {
            var dumpA = await ShopTestDatabase.DumpAsync(server, a, table);
            Assert.Equal(dumpA, await ShopTestDatabase.DumpAsync(server, b, table));
        }
    }

    [Fact]
    public async Task Report_counts_equal_the_rows_found_by_sql()
    {
        var database = await CreateShopAsync("shop_counts");

        var report = await new ShopWorkload(Workload(database, 1500)).RunAsync();

        Assert.Equal(1500, report.Transactions);
        Assert.Equal(0, report.Failed);
        await AssertReportMatchesTablesAsync(database, report);

        // Every kind ran, so updates and deletes happened, not only inserts.
        foreach (var kind in Enum.GetValues<ShopTransactionKind>())
        {
            Assert.True(report.TransactionsByKind[kind] > 0, $"no {kind} transaction ran");
        }

        Assert.True(report.Tables["orders"].Updated > 0);
        Assert.True(report.Tables["users"].Deleted > 0);
        Assert.True(report.Tables["orders"].Deleted > 0, "no pending order was deleted with its user");
        Assert.True(report.Tables["order_items"].Deleted > 0);
    }

    [Fact]
    public async Task Four_connections_keep_the_counts_exact_despite_retries()
    {
        var database = await CreateShopAsync("shop_conc");

        var report = await new ShopWorkload(Workload(database, 2000, connections: 4)).RunAsync();

        Assert.Equal(2000, report.Transactions + report.Failed);
        await AssertReportMatchesTablesAsync(database, report);
    }

    [Fact]
    public async Task Deleted_users_leave_no_pending_orders_and_no_orphan_items()
    {
        var database = await CreateShopAsync("shop_del");
        var options = new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            MaxTransactions = 800,
            TimeMode = ShopTimeMode.Simulated,
            Mix = TransactionMix.Default.With(ShopTransactionKind.DeleteUser, 100),
        };

        var report = await new ShopWorkload(options).RunAsync();

        Assert.True(report.Tables["users"].Deleted > 10);
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id " +
            "WHERE o.status = 'pending' AND u.id IS NULL"));
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM order_items i LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL"));
    }

    [Fact]
    public async Task Simulated_time_spreads_rows_over_buckets_and_repeats_the_hour_when_clocks_go_back()
    {
        var database = await CreateShopAsync("shop_dst");
        var options = new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            MaxTransactions = 400,
            TimeMode = ShopTimeMode.Simulated,

            // Europe/Berlin leaves summer time at 01:00 UTC on 27 October 2024: 03:00 local becomes 02:00 again.
            SimulatedStart = new DateTimeOffset(2024, 10, 26, 23, 0, 0, TimeSpan.Zero),
            SimulatedStep = TimeSpan.FromSeconds(45),
            TimeZone = "Europe/Berlin",
        };

        await new ShopWorkload(options).RunAsync();

        // 400 transactions 45 s apart cover five hours of instants: more than 100 distinct minutes of orders.
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(DISTINCT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i')) FROM orders") > 100);

        // The wall clock went back an hour: some later order carries an earlier created_at than an earlier one.
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders a JOIN orders b ON b.id > a.id AND b.created_at < a.created_at") > 0);

        // paid_at is an instant: read in UTC it lies inside the simulated span, whatever the shop's zone.
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL AND " +
            "(CONVERT_TZ(paid_at, @@session.time_zone, '+00:00') < '2024-10-26 23:00:00' " +
            "OR CONVERT_TZ(paid_at, @@session.time_zone, '+00:00') > '2024-10-27 04:00:00')"));
    }

    [Fact]
    public async Task Rate_limit_holds_the_target_rate()
    {
        var database = await CreateShopAsync("shop_rate");
        var commits = 0;
        var options = new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Rate = 50,
            Duration = TimeSpan.FromSeconds(2),
            OnCommit = _ => Interlocked.Increment(ref commits),
        };

        var report = await new ShopWorkload(options).RunAsync();

        // 50/s for 2 s is about 100. The upper bound catches a limiter that does nothing; the lower one is loose,
        // for a busy machine, but catches one that holds back far too much.
        Assert.InRange(report.Transactions, 30, 110);
        Assert.Equal(report.Transactions, commits);
    }

    [Fact]
    public async Task A_database_without_products_is_refused_with_a_clear_message()
    {
        var database = ShopTestDatabase.NewName("shop_empty");
        await server.ExecuteAsync($"CREATE DATABASE {database}");
        await server.ExecuteAsync(Monolith.Shop.Schema.ShopSchema.Sql, database);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ShopWorkload(Workload(database, 10)).RunAsync());
        Assert.Contains(database, e.Message, StringComparison.Ordinal);
        Assert.Contains("shop init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_hook_sees_every_transaction_once_in_sequence_with_its_simulated_time()
    {
        var database = await CreateShopAsync("shop_hook");
        var commits = new List<CommitInfo>();
        var options = Workload(database, 200);
        var hooked = new ShopWorkloadOptions
        {
            ConnectionString = options.ConnectionString,
            Database = database,
            MaxTransactions = 200,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStart = options.SimulatedStart,
            SimulatedStep = options.SimulatedStep,
            OnCommit = commits.Add,
        };

        var report = await new ShopWorkload(hooked).RunAsync();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), commits.Select(c => c.Sequence));
        Assert.Equal(report.RowChanges, commits.Sum(c => (long)c.RowChanges));
        Assert.All(commits, c => Assert.Equal(
            options.SimulatedStart + (options.SimulatedStep * (c.Sequence - 1)), c.BusinessTime));
        Assert.All(commits, c => Assert.True(c.CommittedAt > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public void Options_out_of_range_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            TimeZone = "Mars/Olympus_Mons",
        }));
        Assert.Contains("Mars/Olympus_Mons", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Connections = 0,
        }));
    }

    private async Task AssertReportMatchesTablesAsync(string database, WorkloadReport report)
    {
        // The shop started with 120 users, 60 products, 28 categories and no orders.
        Assert.Equal(120 + report.Tables["users"].Inserted - report.Tables["users"].Deleted,
            await ShopTestDatabase.ScalarAsync(server, database, "SELECT COUNT(*) FROM users"));
        foreach (var table in new[] { "orders", "order_items", "payments" })
        {
            Assert.Equal(report.Tables[table].Inserted - report.Tables[table].Deleted,
                await ShopTestDatabase.ScalarAsync(server, database, $"SELECT COUNT(*) FROM {table}"));
        }

        foreach (var status in s_statuses)
        {
            Assert.Equal(report.OrderStatusChanges[status], await ShopTestDatabase.ScalarAsync(server, database,
                $"SELECT COUNT(*) FROM orders WHERE status = '{status}'"));
        }

        Assert.Equal(report.TransactionsByKind[ShopTransactionKind.RefundOrder]
                     + await ShopTestDatabase.ScalarAsync(server, database,
                         "SELECT COUNT(*) FROM orders o JOIN payments p ON p.order_id = o.id " +
                         "WHERE o.status = 'cancelled'"),
            await ShopTestDatabase.ScalarAsync(server, database,
                "SELECT COUNT(*) FROM payments WHERE status = 'refunded'"));
        Assert.Equal(await ShopTestDatabase.ScalarAsync(server, database,
                "SELECT COUNT(*) FROM orders WHERE status IN ('paid', 'shipped', 'delivered', 'refunded')")
            + await ShopTestDatabase.ScalarAsync(server, database,
                "SELECT COUNT(*) FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.status = 'cancelled'"),
            await ShopTestDatabase.ScalarAsync(server, database, "SELECT COUNT(*) FROM payments"));
    }
}
