using System.Globalization;
using System.Numerics;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// Random inserts, updates and deletes (across many buckets, deleting current extremes and last rows of groups,
/// with NULLs everywhere), applied as weighted Arrow batches; after every commit the rollup must equal a
/// straightforward recomputation from the surviving rows.
/// </summary>
public sealed class RollupModelTests
{
    private static readonly string?[] s_statuses = ["paid", "new", "shipped", null];
    private static readonly long?[] s_regions = [1, 2, 3, null];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryCommittedVersion_EqualsRecomputationFromSurvivingRows(int seed)
    {
        var random = new Random(seed);
        var store = new RollupStore();
        var rollup = store.Add("model", OrderRow.Sql);
        var rows = new Dictionary<int, OrderRow>();
        var nextId = 0;
        for (var transaction = 0; transaction < 300; transaction++)
        {
            var changes = new List<(OrderRow, sbyte)>();
            var operations = random.Next(1, 30);
            for (var op = 0; op < operations; op++)
            {
                var choice = random.Next(10);
                if (rows.Count == 0 || choice < 4)
                {
                    var row = RandomRow(random);
                    rows[nextId++] = row;
                    changes.Add((row, 1));
                }
                else if (choice < 7)
                {
                    var id = PickVictim(random, rows);
                    var old = rows[id];
                    var updated = random.Next(5) switch
                    {
                        0 => old with { Status = Pick(random, s_statuses) },
                        1 => old with { Amount = RandomAmount(random), Price = RandomPrice(random) },
                        2 => old with { }, // an UPDATE of a column the rollup does not read
                        3 => old with { Customer = random.Next(2) == 0 ? null : $"c{random.Next(5)}" },
                        _ => RandomRow(random),
                    };
                    rows[id] = updated;
                    changes.Add((old, -1));
                    changes.Add((updated, 1));
                }
                else
                {
                    var id = PickVictim(random, rows);
                    changes.Add((rows[id], -1));
                    rows.Remove(id);
                }
            }

            foreach (var batch in Split(random, changes))
            {
                rollup.Apply(OrderRow.Batch(batch));
            }

            var version = rollup.Commit($"tx-{transaction}");
            Assert.Equal($"tx-{transaction}", version.Position);
            AssertMatches(Expected(rows.Values), RollupContents.Read(version), transaction);
            if (transaction % 10 == 0)
            {
                AssertQueriesMatch(new QueryEngine(store), rows.Values.ToList(), transaction);
            }
        }

        var status = rollup.GetStatus();
        Assert.Equal(0, status.NegativeGroups);
        Assert.Equal(0, status.IgnoredRetractions);
    }

    /// <summary>SQL over the rollup must give what the same SQL would over the surviving source rows.</summary>
    private static void AssertQueriesMatch(QueryEngine engine, List<OrderRow> rows, int step)
    {
        static string Text(decimal? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "NULL";

        var byStatus = rows.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var amounts = g.Where(r => r.Amount is not null).Select(r => r.Amount!.Value).ToList();
            return string.Join('|', g.Key ?? "NULL", g.Count(), Text(amounts.Count == 0 ? null : amounts.Sum()),
                Text(amounts.Count == 0 ? null : amounts.Min()), Text(amounts.Count == 0 ? null : amounts.Max()),
                g.Where(r => r.Customer is not null).Select(r => r.Customer).Distinct().Count());
        });
        AssertRows(byStatus, engine.ExecuteSql(
            "SELECT status, COUNT(*) AS n, SUM(amount_sum) AS total, MIN(amount_min) AS lo, MAX(amount_max) AS hi, " +
            "COUNT(DISTINCT customers) AS c FROM model GROUP BY status"), step);

        var fiveMinutes = rows.Where(r => r.Region is 1 or 2)
            .GroupBy(r => r.Minute / 5 * 5 * OrderRow.MinuteMillis).OrderBy(g => g.Key)
            .Select(g => string.Join('|', DruidTime.FormatIso(g.Key), g.Count(),
                g.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Big)));
        AssertRows(fiveMinutes, engine.ExecuteSql(
            "SELECT TIME_FLOOR(__time, 'PT5M') AS t, COUNT(*) AS n, SUM(big_sum) AS big FROM model " +
            "WHERE region IN (1, 2) GROUP BY 1"), step);

        var withNulls = rows.Where(r => r.Status is null || r.Region is null).ToList();
        AssertRows([string.Join('|', withNulls.Count, withNulls.Count(r => r.Amount is not null))], engine.ExecuteSql(
            "SELECT COUNT(*) AS n, SUM(amount_count) AS c FROM model WHERE status IS NULL OR region IS NULL"), step);
    }

    private static void AssertRows(IEnumerable<string> expected, QueryResult result, int step)
    {
        var actual = result.Rows.Select(r => string.Join('|', r.Select(v => v.ToString()))).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"after transaction {step}: expected [{string.Join(", ", expected)}] but the query gave " +
                $"[{string.Join(", ", actual)}]");
    }

    private static IEnumerable<List<(OrderRow, sbyte)>> Split(Random random, List<(OrderRow, sbyte)> changes)
    {
        var start = 0;
        while (start < changes.Count)
        {
            var length = random.Next(1, changes.Count - start + 1);
            yield return changes.GetRange(start, length);
            start += length;
        }
    }

    private static int PickVictim(Random random, Dictionary<int, OrderRow> rows)
    {
        // Half of the time take a row holding the smallest or largest amount of its group, so that deleting
        // the current extreme is exercised constantly.
        var ids = rows.Keys.ToList();
        var id = ids[random.Next(ids.Count)];
        if (random.Next(2) == 0)
        {
            var row = rows[id];
            var group = ids.Where(i => SameGroup(rows[i], row) && rows[i].Amount is not null).ToList();
            if (group.Count > 0)
            {
                id = random.Next(2) == 0 ? group.MinBy(i => rows[i].Amount)! : group.MaxBy(i => rows[i].Amount)!;
            }
        }

        return id;
    }

    private static bool SameGroup(OrderRow a, OrderRow b) => a.Minute == b.Minute && a.Status == b.Status
        && a.Region == b.Region;

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static decimal? RandomAmount(Random random) =>
        random.Next(10) == 0 ? null : new decimal(random.Next(0, 100_000), 0, 0, false, 2);

    private static double? RandomPrice(Random random) =>
        random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 1000, random.Next(0, 4));

    private static OrderRow RandomRow(Random random)
    {
        var minute = 29_000_000L + random.Next(20);
        return new OrderRow(
            minute,
            Pick(random, s_statuses),
            Pick(random, s_regions),
            RandomAmount(random),
            RandomPrice(random),
            (minute * OrderRow.MinuteMillis) + random.Next(60_000),
            (ulong)random.NextInt64(0, long.MaxValue) * 2,
            random.Next(8) == 0 ? null : $"customer-{random.Next(30)}");
    }

    private sealed record Expectation(string Key, Dictionary<string, string> Exact, Dictionary<string,
        double?> Approximate);

    private static Dictionary<string, Expectation> Expected(IEnumerable<OrderRow> rows)
    {
        var result = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => (r.Minute, r.Status, r.Region)))
        {
            var key = string.Join('|',
                (group.Key.Minute * OrderRow.MinuteMillis).ToString(CultureInfo.InvariantCulture),
                group.Key.Status ?? "NULL", group.Key.Region?.ToString(CultureInfo.InvariantCulture) ?? "NULL");
            var amounts = group.Where(r => r.Amount is not null).Select(r => r.Amount!.Value).ToList();
            var prices = group.Where(r => r.Price is not null).Select(r => r.Price!.Value).ToList();
            var customers = group.Where(r => r.Customer is not null).Select(r => r.Customer).Distinct().Count();
            var exact = new Dictionary<string, string>
            {
                ["n"] = group.Count().ToString(CultureInfo.InvariantCulture),
                ["amount_count"] = amounts.Count.ToString(CultureInfo.InvariantCulture),
                ["amount_sum"] = amounts.Count == 0 ? "NULL" : amounts.Sum().ToString("F2",
                    CultureInfo.InvariantCulture),
                ["amount_min"] = amounts.Count == 0 ? "NULL" : amounts.Min().ToString("F2",
                    CultureInfo.InvariantCulture),
                ["amount_max"] = amounts.Count == 0 ? "NULL" : amounts.Max().ToString("F2",
                    CultureInfo.InvariantCulture),
                ["price_max"] = prices.Count == 0 ? "NULL" : prices.Max().ToString("R", CultureInfo.InvariantCulture),
                ["first_created"] = DruidTime.FormatIso(group.Min(r => r.Created)),
                ["big_max"] = group.Max(r => r.Big).ToString(CultureInfo.InvariantCulture),
                ["big_sum"] = group.Aggregate(BigInteger.Zero, (s, r) => s
                    + r.Big).ToString(CultureInfo.InvariantCulture),
                ["customers"] = customers.ToString(CultureInfo.InvariantCulture),
                ["approx_customers"] = customers.ToString(CultureInfo.InvariantCulture),
            };
            var sorted = prices.Order().ToList();
            var approximate = new Dictionary<string, double?>
            {
                ["amount_avg"] = amounts.Count == 0 ? null : (double)amounts.Sum() / amounts.Count,
                ["price_sum"] = prices.Count == 0 ? null : prices.Sum(),
                ["price_median"] = sorted.Count == 0 ? null : sorted[(int)Math.Floor(0.5 * (sorted.Count - 1))],
            };
            result[key] = new Expectation(key, exact, approximate);
        }

        return result;
    }

    private static void AssertMatches(
        Dictionary<string, Expectation> expected, Dictionary<string, Dictionary<string, QueryValue>> actual, int step)
    {
        Assert.True(expected.Count == actual.Count,
            $"after transaction {step}: expected {expected.Count} groups, found {actual.Count}: " +
            string.Join(", ", expected.Keys.Except(actual.Keys).Concat(actual.Keys.Except(expected.Keys))));
        foreach (var (key, expectation) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var values), $"after transaction {step}: group {key} is missing");
            foreach (var (metric, value) in expectation.Exact)
            {
                Assert.True(value == values[metric].ToString(),
                    $"after transaction {step}, group {key}, {metric}: expected {value}, found {values[metric]}");
            }

            foreach (var (metric, value) in expectation.Approximate)
            {
                var found = values[metric];
                if (value is null)
                {
                    Assert.True(found.IsNull,
                        $"after transaction {step}, group {key}, {metric}: expected NULL, found {found}");
                    continue;
                }

                var tolerance = metric == "price_median" ? (Math.Abs(value.Value) * 0.0101) + 1e-9
                    : 1e-9 * Math.Max(1, Math.Abs(value.Value));
                Assert.False(found.IsNull,
                    $"after transaction {step}, group {key}, {metric}: expected {value}, found NULL");
                Assert.True(Math.Abs(found.ToDouble() - value.Value) <= tolerance,
                    $"after transaction {step}, group {key}, {metric}: expected {value}, found {found}");
            }
        }
    }
}
