using System.Globalization;
using System.Text.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Verification;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.IntegrationTests.Shop;

[Collection(MariaDbCollection.Name)]
public sealed class GroundTruthTests(PrivateMariaDb server)
{
    private static readonly Lazy<Dictionary<string, string>> s_rollups = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "data", "shop.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        // Join rollups have their own temporal ground truth (Pipeline/JoinRollupsTests).
        return config.RootElement.GetProperty("Rollups").EnumerateObject()
            .Where(p => !p.Value.GetString()!.Contains(" JOIN ", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
    });

    private async Task<string> ShopWithOrdersAsync(string prefix)
    {
        var database = ShopTestDatabase.NewName(prefix);
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));
        await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            MaxTransactions = 700,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStart = new DateTimeOffset(2024, 5, 6, 9, 30, 0, TimeSpan.Zero),
            SimulatedStep = TimeSpan.FromSeconds(11),
        }).RunAsync();
        return database;
    }

    [Fact]
    public async Task Orders_per_minute_equals_a_hand_written_query()
    {
        var database = await ShopWithOrdersAsync("shop_gt_orders");
        var query = GroundTruthQuery.FromRollupSql(s_rollups.Value["orders_per_minute"], database);

        var truth = await GroundTruth.QueryAsync(server.AdminConnectionString(), query);

        var expected = new List<(long Bucket, string Status, long Orders, decimal Revenue)>();
        await using (var connection = await server.OpenAdminAsync(database))
        await using (var command = new MySqlCommand(
                         "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:00'), status, COUNT(*), SUM(total) " +
                         "FROM orders GROUP BY 1, 2 ORDER BY 1, 2", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var minute = DateTime.ParseExact(reader.GetString(0), "yyyy-MM-dd HH:mm:ss",
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                expected.Add((new DateTimeOffset(minute).ToUnixTimeMilliseconds(), reader.GetString(1),
                    reader.GetInt64(2), reader.GetDecimal(3)));
            }
        }

        Assert.True(expected.Count > 60, $"only {expected.Count} groups: the workload spread too little");
        Assert.Equal(expected.Count, truth.Count);
        foreach (var (bucket, status, orders, revenue) in expected)
        {
            var row = truth.Find(bucket, status);
            Assert.NotNull(row);
            Assert.Equal(orders, row.Values[0]);
            Assert.Equal(revenue, row.Values[1]);
            Assert.Equal(revenue.ToString(CultureInfo.InvariantCulture), row.Text(1));
        }
    }

    [Fact]
    public async Task Payments_per_minute_bucket_timestamps_in_utc_like_an_independent_evaluation()
    {
        var database = await ShopWithOrdersAsync("shop_gt_pay");
        var query = GroundTruthQuery.FromRollupSql(s_rollups.Value["payments_per_minute"], database);

        var truth = await GroundTruth.QueryAsync(server.AdminConnectionString(), query);

        var payments = new List<(DateTime PaidAt, string Method, string Currency, decimal Amount)>();
        await using (var connection = await server.OpenAdminAsync(database))
        {
            // Epoch seconds do not depend on the session's zone, which is deliberately not UTC here.
            await using (var zone = new MySqlCommand("SET time_zone = '+05:30'", connection))
            {
                await zone.ExecuteNonQueryAsync();
            }

            await using var command = new MySqlCommand(
                "SELECT UNIX_TIMESTAMP(paid_at), method, currency, amount FROM payments", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var seconds = reader.GetDecimal(0);
                payments.Add((DateTime.UnixEpoch.AddSeconds((double)decimal.Floor(seconds)), reader.GetString(1),
                    reader.GetString(2), reader.GetDecimal(3)));
            }
        }

        var expected = payments
            .GroupBy(p => (Minute: new DateTimeOffset(p.PaidAt.Ticks - (p.PaidAt.Ticks % TimeSpan.TicksPerMinute),
                TimeSpan.Zero).ToUnixTimeMilliseconds(), p.Method, p.Currency))
            .ToList();
        Assert.True(expected.Count > 20);
        Assert.Equal(expected.Count, truth.Count);
        foreach (var group in expected)
        {
            var row = truth.Find(group.Key.Minute, group.Key.Method, group.Key.Currency);
            Assert.NotNull(row);
            Assert.Equal((long)group.Count(), row.Values[0]);
            Assert.Equal(group.Sum(p => p.Amount), row.Values[1]);
            Assert.Equal(group.Min(p => p.Amount), row.Values[2]);
            Assert.Equal(group.Max(p => p.Amount), row.Values[3]);
        }
    }

    [Fact]
    public async Task Every_rollup_of_the_demo_configuration_runs_against_the_schema()
    {
        var database = await ShopWithOrdersAsync("shop_gt_all");

        foreach (var (name, sql) in s_rollups.Value)
        {
            var truth = await GroundTruth.QueryAsync(server.AdminConnectionString(),
                GroundTruthQuery.FromRollupSql(sql, database));
            Assert.True(truth.Count > 0, $"rollup {name} has no groups");
        }
    }

    [Theory]
    [InlineData("2024-03-03 23:59:59.999999", "PT15M", "2024-03-03 23:45:00")]
    [InlineData("2024-03-03 23:59:59.999999", "P1D", "2024-03-03 00:00:00")]
    [InlineData("2024-03-03 23:59:59.999999", "P1W", "2024-02-26 00:00:00")]
    [InlineData("2024-03-04 00:00:00", "P1W", "2024-03-04 00:00:00")]
    [InlineData("2024-02-29 12:00:00", "P1M", "2024-02-01 00:00:00")]
    [InlineData("2024-05-17 08:00:00", "P3M", "2024-04-01 00:00:00")]
    [InlineData("2024-12-31 23:59:59", "P1Y", "2024-01-01 00:00:00")]
    [InlineData("2024-06-01 10:59:59", "PT1H", "2024-06-01 10:00:00")]
    [InlineData("1969-12-31 23:59:30", "PT1M", "1969-12-31 23:59:00")]
    public async Task Buckets_start_where_the_granularity_says(string value, string period, string bucket)
    {
        var database = ShopTestDatabase.NewName("shop_gt_bucket");
        await server.ExecuteAsync($"CREATE DATABASE {database}");
        await server.ExecuteAsync(
            $"CREATE TABLE t (id INT PRIMARY KEY, at DATETIME(6)); INSERT INTO t VALUES (1, '{value}')", database);

        var truth = await GroundTruth.QueryAsync(server.AdminConnectionString(database),
            new GroundTruthQuery("t", "at", period, [], [new GroundTruthAggregate("n", AggregateFunction.Count)]));

        var expected = DateTime.ParseExact(bucket, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var row = Assert.Single(truth);
        Assert.Equal(new DateTimeOffset(expected, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.BucketMs);
    }

    [Theory]
    [InlineData("SELECT created_at AS __time, COUNT(*) FROM shop.orders GROUP BY 1", "TIME_FLOOR")]
    [InlineData("SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, AVG(total) FROM shop.orders GROUP BY 1", "AVG")]
    [InlineData("DELETE FROM shop.orders", "expected SELECT")]
    public void Rollups_outside_the_subset_are_refused_with_the_offending_part(string sql, string named)
    {
        var e = Assert.Throws<FormatException>(() => GroundTruthQuery.FromRollupSql(sql));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_granularity_is_refused_by_name()
    {
        var query = new GroundTruthQuery(
            "t", "at", "PT1.5H", [], [new GroundTruthAggregate("n", AggregateFunction.Count)]);
        var e = Assert.Throws<FormatException>(() => GroundTruth.ToSql(query));
        Assert.Contains("PT1.5H", e.Message, StringComparison.Ordinal);
    }
}
