using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Bulk;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Shop;

[Collection(MariaDbCollection.Name)]
public sealed class ShopBulkLoaderTests(PrivateMariaDb server, ITestOutputHelper output)
{
    private async Task<string> CreateShopAsync(string prefix)
    {
        var database = ShopTestDatabase.NewName(prefix);
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));
        return database;
    }

    private BulkLoadOptions Load(string database, long orders) => new()
    {
        ConnectionString = server.AdminConnectionString(),
        Database = database,
        Orders = orders,
        ChunkSize = 7_000,
        Seed = 5,
    };

    [Fact]
    public async Task Loads_the_requested_orders_with_consistent_items_totals_and_payments()
    {
        var database = await CreateShopAsync("shop_bulk");

        var report = await new ShopBulkLoader(Load(database, 30_000)).LoadAsync();
        output.WriteLine(report.ToString());

        Assert.Equal(30_000, report.Orders);
        Assert.Equal(30_000, await ShopTestDatabase.ScalarAsync(server, database, "SELECT COUNT(*) FROM orders"));
        Assert.Equal(report.OrderItems,
            await ShopTestDatabase.ScalarAsync(server, database, "SELECT COUNT(*) FROM order_items"));
        Assert.Equal(report.Payments,
            await ShopTestDatabase.ScalarAsync(server, database, "SELECT COUNT(*) FROM payments"));
        Assert.InRange(report.OrderItems / 30_000.0, 1.8, 3.0);

        // Each order agrees with its items, and its total with its parts.
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders o JOIN (SELECT order_id, COUNT(*) AS n, SUM(line_total) AS s, " +
            "MIN(line_no) AS first_line, MAX(line_no) AS last_line FROM order_items GROUP BY order_id) i " +
            "ON i.order_id = o.id WHERE i.n <> o.item_count OR i.s <> o.subtotal OR i.first_line <> 1 " +
            "OR i.last_line <> i.n OR i.n > 6"));
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders WHERE total <> subtotal - discount + shipping_fee OR tax > total " +
            "OR created_at IS NULL"));

        // A payment for every order that was paid, none for the others, and the same amount.
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders o LEFT JOIN payments p ON p.order_id = o.id " +
            "WHERE (o.paid_at IS NULL) <> (p.id IS NULL) OR p.amount <> o.total OR p.currency <> o.currency"));
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders WHERE status IN ('shipped', 'delivered', 'refunded') " +
            "AND NOT (paid_at < shipped_at)"));

        Assert.Equal(6, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(DISTINCT status) FROM orders"));
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders WHERE status = 'delivered'") > 20_000);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_rows()
    {
        var a = await CreateShopAsync("shop_bulk_a");
        var b = await CreateShopAsync("shop_bulk_b");

        await new ShopBulkLoader(Load(a, 3_000)).LoadAsync();
        await new ShopBulkLoader(Load(b, 3_000)).LoadAsync();

        foreach (var table in new[] { "orders", "order_items", "payments" })
        {
            Assert.Equal(await ShopTestDatabase.DumpAsync(server, a, table),
                await ShopTestDatabase.DumpAsync(server, b, table));
        }
    }

    [Fact]
    public async Task Workload_continues_the_open_orders_of_a_bulk_load()
    {
        var database = await CreateShopAsync("shop_bulk_run");
        await new ShopBulkLoader(Load(database, 10_000)).LoadAsync();
        var pendingBefore = await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM orders WHERE status = 'pending'");

        var report = await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            MaxTransactions = 300,
            TimeMode = ShopTimeMode.Simulated,
            Mix = TransactionMix.Parse("PlaceOrder=0,PlaceMultipleOrders=0,RegisterUser=0,DeleteUser=0"),
        }).RunAsync();

        Assert.Equal(0, report.Failed);
        Assert.True(pendingBefore > 0);
        Assert.True(report.TransactionsByKind[ShopTransactionKind.PayOrder] > 0);
        Assert.Equal(pendingBefore + report.OrderStatusChanges["pending"], await ShopTestDatabase.ScalarAsync(
            server, database, "SELECT COUNT(*) FROM orders WHERE status = 'pending'"));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ShopBulkLoader(Load("shop", 0)));
        Assert.Throws<ArgumentException>(() =>
            new ShopBulkLoader(new BulkLoadOptions { ConnectionString = "Server=x", Database = "no such" }));
    }
}
