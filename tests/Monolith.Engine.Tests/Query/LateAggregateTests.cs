using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Query;

/// <summary>
/// Queries whose ORDER BY and LIMIT do not read their exact COUNT(DISTINCT) evaluate it for the kept rows only.
/// Their answers must equal the eager evaluation (every aggregate for every row) and a straightforward evaluation
/// over the source rows, through ties, OFFSET, HAVING and WHERE; ordering by the distinct count or filtering on
/// it keeps it eager and must give the same answers too.
/// </summary>
public sealed class LateAggregateTests
{
    private const long Hour = 3_600_000;
    private const long Start = 1_767_225_600_000; // 2026-01-01T00:00Z
    private const int Hours = 72;

    private const string Sql =
        "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, country, currency, COUNT(*) AS orders, " +
        "SUM(total) AS revenue, COUNT(DISTINCT user_id) AS customers FROM shop.orders GROUP BY 1, 2, 3";

    private static readonly string[] s_countries = ["DE", "FR", "NL", "BE", "AT", "CH", "IT"];
    private static readonly string[] s_currencies = ["EUR", "USD", "GBP"];

    private static readonly Schema s_schema = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("country", StringType.Default, true),
        new Field("currency", StringType.Default, true),
        new Field("revenue", Int64Type.Default, true),
        new Field("customers", Int64Type.Default, true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    private sealed record Order(int Hour, string Country, string Currency, long Total, long User);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LateDistinctCounts_EqualTheEagerEvaluationAndTheSourceRows(int seed)
    {
        var random = new Random(seed);
        var store = new RollupStore();
        var rollup = store.Add("orders", Sql);
        var late = new QueryEngine(store);
        var eager = new QueryEngine(store, new QueryEngineOptions { DeferAggregates = false, UseTiers = false });
        var rows = new List<Order>();
        for (var transaction = 0; transaction < 12; transaction++)
        {
            var changes = new List<(Order Row, sbyte Weight)>();
            for (var i = 0; i < 300; i++)
            {
                if (rows.Count > 0 && random.Next(6) == 0)
                {
                    var victim = random.Next(rows.Count);
                    changes.Add((rows[victim], -1));
                    rows.RemoveAt(victim);
                    continue;
                }

                // Small totals and few users, so that sums tie and distinct counts differ from row counts.
                var row = new Order(random.Next(Hours), s_countries[random.Next(s_countries.Length)],
                    s_currencies[random.Next(s_currencies.Length)], random.Next(1, 4), random.Next(40));
                rows.Add(row);
                changes.Add((row, 1));
            }

            rollup.Apply(Batch(changes));
            rollup.Commit($"tx-{transaction}");

            var from = random.Next(Hours);
            var to = Math.Min(Hours, from + random.Next(1, Hours));
            var range = $"__time >= TIMESTAMP '{Timestamp(from)}' AND __time < TIMESTAMP '{Timestamp(to)}'";
            var limit = random.Next(1, 8);
            var offset = random.Next(0, 4);
            var inRange = rows.Where(r => r.Hour >= from && r.Hour < to).ToList();
            var expected = inRange.GroupBy(r => (r.Country, r.Currency))
                .Select(g => (g.Key.Country, g.Key.Currency, Orders: g.Count(), Revenue: g.Sum(r => r.Total),
                    Customers: g.Select(r => r.User).Distinct().Count()))
                .OrderByDescending(g => g.Revenue).ThenBy(g => g.Country, StringComparer.Ordinal)
                .ThenBy(g => g.Currency, StringComparer.Ordinal).Take(limit)
                .Select(g => $"{g.Country}|{g.Currency}|{g.Orders}|{g.Revenue}|{g.Customers}").ToList();
            var top = "SELECT country, currency, SUM(orders) AS orders, SUM(revenue) AS revenue, " +
                      $"COUNT(DISTINCT customers) AS customers FROM orders WHERE {range} GROUP BY country, currency " +
                      $"ORDER BY revenue DESC, country, currency LIMIT {limit}";
            Assert.Equal(expected, Lines(late.ExecuteSql(top)));
            Assert.Equal(expected, Lines(eager.ExecuteSql(top)));

            foreach (var sql in new[]
                     {
                         // Ties on the only ORDER BY key: the grouping keys decide, on both paths.
                         "SELECT country, currency, SUM(orders) AS orders, COUNT(DISTINCT customers) AS c " +
                         $"FROM orders WHERE {range} GROUP BY 1, 2 ORDER BY orders DESC LIMIT {limit} OFFSET {offset}",
                         "SELECT country, COUNT(DISTINCT customers) * 2 AS twice, SUM(revenue) AS r FROM orders " +
                         $"WHERE {range} AND currency <> 'GBP' GROUP BY country ORDER BY r LIMIT {limit}",
                         "SELECT country, currency, SUM(revenue) AS r, COUNT(DISTINCT customers) AS c FROM orders " +
                         $"GROUP BY 1, 2 HAVING COUNT(DISTINCT customers) > {random.Next(5, 30)} ORDER BY r DESC " +
                         $"LIMIT {limit}",
                         "SELECT country, currency, SUM(orders) AS o, COUNT(DISTINCT customers) AS c FROM orders " +
                         $"WHERE {range} GROUP BY 1, 2 HAVING SUM(orders) > 3 ORDER BY o LIMIT {limit}",
                         "SELECT country, currency, COUNT(DISTINCT customers) AS c, SUM(orders) AS o FROM orders " +
                         $"WHERE {range} GROUP BY 1, 2 ORDER BY c DESC LIMIT {limit}",
                         "SELECT currency, COUNT(DISTINCT customers) AS c, COUNT(DISTINCT country) AS k FROM orders " +
                         $"WHERE {range} GROUP BY 1 ORDER BY currency DESC LIMIT {limit} OFFSET {offset}",
                         "SELECT TIME_FLOOR(__time, 'P1D') AS d, COUNT(DISTINCT customers) AS c, SUM(orders) AS o " +
                         $"FROM orders GROUP BY 1 ORDER BY o DESC LIMIT {limit}",
                         "SELECT country, COUNT(DISTINCT customers) AS c FROM orders GROUP BY 1 ORDER BY country " +
                         "LIMIT 100",
                     })
            {
                Assert.True(Lines(eager.ExecuteSql(sql)).SequenceEqual(Lines(late.ExecuteSql(sql))),
                    $"after transaction {transaction}, {sql}: late [{string.Join(", ", Lines(late.ExecuteSql(sql)))}]" +
                    $" differs from eager [{string.Join(", ", Lines(eager.ExecuteSql(sql)))}]");
            }
        }
    }

    private static List<string> Lines(Monolith.Engine.Query.Results.QueryResult result) =>
        result.Rows.Select(r => string.Join('|', r.Select(v => v.ToString()))).ToList();

    private static string Timestamp(int hour) => DruidTime.FormatSqlTimestamp(Start + (hour * Hour));

    private static RecordBatch Batch(List<(Order Row, sbyte Weight)> changes)
    {
        var time = new Int64Array.Builder();
        var country = new StringArray.Builder();
        var currency = new StringArray.Builder();
        var total = new Int64Array.Builder();
        var user = new Int64Array.Builder();
        var weight = new Int8Array.Builder();
        foreach (var (row, w) in changes)
        {
            time.Append(Start + (row.Hour * Hour));
            country.Append(row.Country);
            currency.Append(row.Currency);
            total.Append(row.Total);
            user.Append(row.User);
            weight.Append(w);
        }

        return new RecordBatch(s_schema,
            [time.Build(), country.Build(), currency.Build(), total.Build(), user.Build(), weight.Build()],
            changes.Count);
    }
}
