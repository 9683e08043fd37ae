using System.Globalization;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Verification;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// The shop's rollups after its simulated-time workload (orders placed, paid, shipped, cancelled, refunded, users
/// deleted, across a daylight-saving change and a month end, the shop's wall clock in Europe/Berlin): every group
/// equals MariaDB's aggregates over the source table, and the demo dashboard's queries answer what the same
/// questions asked of MariaDB answer.
/// </summary>
[Collection(OlapCollection.Name)]
public sealed class ShopRollupTests(OlapFixture olap)
{
    public static TheoryData<string> GroundTruthRollups =>
    [
        "orders_per_minute", "revenue_per_hour", "payments_per_minute", "items_per_hour", "users_per_day",
        "orders_monthly",
    ];

    [Theory]
    [MemberData(nameof(GroundTruthRollups))]
    public async Task Every_group_equals_the_ground_truth(string name)
    {
        var query = GroundTruthQuery.FromRollupSql(OlapFixture.ShopRollups[name]);
        var truth = await GroundTruth.QueryAsync(olap.Server.AdminConnectionString(), query);
        var druid = "SELECT __time, " +
                    $"{string.Join(", ", query.Dimensions.Concat(query.Aggregates.Select(a => a.Name)))}" +
                    $" FROM {name}";
        var kinds = new List<TruthKind> { TruthKind.Bucket };
        kinds.AddRange(query.Dimensions.Select(_ => TruthKind.Text));
        kinds.AddRange(query.Aggregates.Select(_ => TruthKind.Exact));

        var expected = truth.Select(r => new object?[] { r.BucketMs }.Concat(r.Dimensions).Concat(r.Values).ToArray())
            .ToList();
        var actual = Answers.Of(olap.Queries.ExecuteSql(druid));

        Assert.True(expected.Count > 5, $"{name} has only {expected.Count} groups");
        Answers.AssertSame($"{druid}\n{truth.Sql}", expected, actual, kinds, ordered: false);
    }

    [Fact]
    public async Task Daily_orders_with_every_aggregator_equal_MariaDB()
    {
        var druid = "SELECT __time, status, country, orders, revenue, avg_total, min_total, max_total, with_coupon, " +
                    "customers, approx_customers, total_sketch, items, first_order, last_paid FROM orders_daily";
        var truth =
            $"SELECT {Answers.BucketExpression("created_at", TimeBasis.WallClock, "P1D")}, CAST(status AS CHAR), " +
            "country, COUNT(*), SUM(total), CONCAT(SUM(total), '/', COUNT(total)), MIN(total), MAX(total), " +
            "COUNT(coupon_code), COUNT(DISTINCT user_id), COUNT(DISTINCT user_id), " +
            "GROUP_CONCAT(total ORDER BY total SEPARATOR ','), SUM(item_count), " +
            $"{Answers.TruthExpression("MIN(created_at)", TruthKind.WallClock)}, " +
            $"{Answers.TruthExpression("MAX(paid_at)", TruthKind.Instant)} FROM orders GROUP BY 1, 2, 3";
        TruthKind[] kinds =
        [
            TruthKind.Bucket, TruthKind.Text, TruthKind.Text, TruthKind.Exact, TruthKind.Exact, TruthKind.Average,
            TruthKind.Exact, TruthKind.Exact, TruthKind.Exact, TruthKind.Exact, TruthKind.Exact, TruthKind.Quantile90,
            TruthKind.Exact, TruthKind.WallClock, TruthKind.Instant,
        ];

        var expected = await Answers.MariaDbAsync(olap, OlapFixture.ShopDatabase, truth);
        var actual = Answers.Of(olap.Queries.ExecuteSql(druid));

        Assert.True(expected.Count > 20, $"only {expected.Count} daily groups");
        Answers.AssertSame($"{druid}\n{truth}", expected, actual, kinds, ordered: false);
    }

    [Fact]
    public async Task Payments_bucketed_on_Berlin_days_equal_MariaDB_in_a_Berlin_session()
    {
        var druid = "SELECT __time, method, status, payments, amount, min_amount, max_amount, fee_rates " +
                    "FROM payments_berlin_day";
        var truth =
            $"SELECT {Answers.BucketExpression("paid_at", TimeBasis.Berlin, "P1D")}, CAST(method AS CHAR), " +
            "CAST(status AS CHAR), COUNT(*), SUM(amount), MIN(amount), MAX(amount), SUM(fee_rate) " +
            "FROM payments GROUP BY 1, 2, 3";
        TruthKind[] kinds =
        [
            TruthKind.Bucket, TruthKind.Text, TruthKind.Text, TruthKind.Exact, TruthKind.Exact, TruthKind.Exact,
            TruthKind.Exact, TruthKind.Exact,
        ];

        var expected = await Answers.MariaDbAsync(olap, OlapFixture.ShopDatabase, truth);
        var actual = Answers.Of(olap.Queries.ExecuteSql(druid));

        Assert.True(expected.Count > 20, $"only {expected.Count} groups");
        Assert.Contains(actual, row => (long)row[0]! % 86_400_000 == 22 * 3_600_000);
        Assert.Contains(actual, row => (long)row[0]! % 86_400_000 == 23 * 3_600_000);
        Answers.AssertSame($"{druid}\n{truth}", expected, actual, kinds, ordered: false);
    }

    /// <summary>
    /// The dashboard of <c>data/dashboard.sql</c>, with CURRENT_TIMESTAMP fixed at the newest order's wall clock;
    /// each query is paired with the same question in MariaDB's SQL over the source tables.
    /// </summary>
    [Fact]
    public async Task Dashboard_queries_answer_what_MariaDB_answers()
    {
        var now = (await Answers.MariaDbAsync(olap, OlapFixture.ShopDatabase,
            "SELECT DATE_FORMAT(MAX(created_at), '%Y-%m-%d %H:%i:%s') FROM orders"))[0][0] as string;
        var nowMs = new DateTimeOffset(DateTime.ParseExact(now!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)).ToUnixTimeMilliseconds();
        string Since(long millis) => (nowMs - millis).ToString(CultureInfo.InvariantCulture);
        var minute = Answers.BucketExpression("created_at", TimeBasis.WallClock, "PT1M");
        var hour = Answers.BucketExpression("created_at", TimeBasis.WallClock, "PT1H");
        var day = Answers.BucketExpression("created_at", TimeBasis.WallClock, "P1D");
        var truths = new (string Sql, TruthKind[] Kinds, int SortColumn)[]
        {
            ($"SELECT CAST(status AS CHAR), COUNT(*) AS orders, SUM(total) AS revenue FROM (SELECT {minute} AS r_ms, " +
             $"o.* FROM orders o) s WHERE r_ms >= {Since(3_600_000)} GROUP BY 1 ORDER BY revenue DESC",
                [TruthKind.Text, TruthKind.Exact, TruthKind.Exact], 2),
            ("SELECT country, currency, COUNT(*) AS orders, SUM(total) AS revenue, COUNT(DISTINCT user_id) " +
             $"FROM (SELECT {hour} AS r_ms, o.* FROM orders o WHERE status <> 'cancelled') s " +
             $"WHERE r_ms >= {Since(86_400_000)} GROUP BY 1, 2 ORDER BY orders DESC",
                [TruthKind.Text, TruthKind.Text, TruthKind.Exact, TruthKind.Exact, TruthKind.Exact], 2),
            ("SELECT CAST(method AS CHAR), COUNT(*) AS payments, MIN(amount), MAX(amount) FROM (SELECT " +
             "FLOOR(UNIX_TIMESTAMP(paid_at) / 60) * 60000 AS r_ms, p.* FROM payments p) s " +
             $"WHERE r_ms >= {Since(3_600_000)} GROUP BY 1 ORDER BY payments DESC",
                [TruthKind.Text, TruthKind.Exact, TruthKind.Exact, TruthKind.Exact], 1),
            ($"SELECT product_id, SUM(quantity) AS units, COUNT(*) FROM (SELECT {hour} AS r_ms, i.* " +
             $"FROM order_items i) s WHERE r_ms >= {Since(3_600_000)} GROUP BY 1 ORDER BY units DESC",
                [TruthKind.Text, TruthKind.Exact, TruthKind.Exact], 1),
            ($"SELECT country, COUNT(*) AS users FROM (SELECT {day} AS r_ms, u.* FROM users u) s " +
             $"WHERE r_ms >= {Since(7 * 86_400_000L)} GROUP BY 1 ORDER BY users DESC",
                [TruthKind.Text, TruthKind.Exact], 1),
            ($"SELECT r_ms, COUNT(*), SUM(total) FROM (SELECT {minute} AS r_ms, o.* FROM orders o) s " +
             $"WHERE r_ms >= {Since(600_000)} GROUP BY 1 ORDER BY 1 DESC",
                [TruthKind.Bucket, TruthKind.Exact, TruthKind.Exact], 0),
        };
        var dashboard = Dashboard();
        Assert.Equal(truths.Length, dashboard.Count);

        var nonEmpty = 0;
        for (var i = 0; i < truths.Length; i++)
        {
            var druid = dashboard[i].Replace("CURRENT_TIMESTAMP", $"TIMESTAMP '{now}'", StringComparison.Ordinal);
            var all = await Answers.MariaDbAsync(olap, OlapFixture.ShopDatabase, truths[i].Sql);
            var actual = Answers.Of(olap.Queries.ExecuteSql(druid));
            var limit = druid.Contains("LIMIT 5", StringComparison.Ordinal) ? 5 : (int?)null;
            Answers.AssertTop($"{druid}\n{truths[i].Sql}", all, actual, truths[i].Kinds, truths[i].SortColumn, limit);
            nonEmpty += actual.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty >= 5, $"only {nonEmpty} dashboard queries had rows");
    }

    /// <summary>The queries of data/dashboard.sql: each runs up to a line ending in ';'.</summary>
    private static List<string> Dashboard()
    {
        var queries = new List<string>();
        var query = "";
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "data", "dashboard.sql")))
        {
            if (line.StartsWith("--", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            query = query.Length == 0 ? line : query + " " + line;
            if (line.EndsWith(';'))
            {
                queries.Add(query.TrimEnd(';'));
                query = "";
            }
        }

        return queries;
    }
}
