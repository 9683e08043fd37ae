using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Query;

/// <summary>
/// Queries answered from a rollup's hour and day tiers (and the typed loops beside them) against the plain scan
/// of the rollup's groups and a straightforward evaluation over the surviving rows, through random inserts,
/// updates and deletes over several days: deleting the last row of a group, the current MIN and MAX, emptying
/// whole hours, and enough groups to make the writer reuse group slots for other buckets. Random ranges make
/// additive queries read many ragged ends as a whole hour or day less the minutes or hours outside the range,
/// including output rows that then net to nothing.
/// </summary>
public sealed class TieredQueryTests
{
    private const long Minute = 60_000;
    private const long Start = 1_767_225_600_000; // 2026-01-01T00:00Z
    private const int Minutes = 4 * 1440;

    private const string Sql =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue, " +
        "COUNT(total) AS priced, MIN(total) AS lo, MAX(total) AS hi FROM shop.orders GROUP BY 1, 2";

    private static readonly string?[] s_statuses = ["paid", "new", "shipped", "cancelled", null];

    private static readonly Schema s_schema = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("status", StringType.Default, true),
        new Field("revenue", new Decimal128Type(12, 2), true),
        new Field("priced", new Decimal128Type(12, 2), true),
        new Field("lo", new Decimal128Type(12, 2), true),
        new Field("hi", new Decimal128Type(12, 2), true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    private sealed record Order(long Minute, string? Status, decimal? Total);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TieredAnswers_EqualThePlainScanAndTheSourceRows(int seed)
    {
        var random = new Random(seed);
        var store = new RollupStore();
        var rollup = store.Add("orders", Sql);
        var tiered = new QueryEngine(store);
        var plain = new QueryEngine(store, new QueryEngineOptions { UseTiers = false });
        var rows = new Dictionary<int, Order>();
        var nextId = 0;
        for (var transaction = 0; transaction < 160; transaction++)
        {
            var changes = new List<(Order Row, sbyte Weight)>();
            if (transaction == 60)
            {
                // Empty most groups (whole hours of them), so that the writer compacts and later reuses slots.
                foreach (var id in rows.Keys.Where(i => rows[i].Minute % 120 < 100).ToList())
                {
                    changes.Add((rows[id], -1));
                    rows.Remove(id);
                }
            }

            var operations = transaction < 20 ? 400 : random.Next(1, 60);
            for (var op = 0; op < operations; op++)
            {
                var choice = random.Next(10);
                if (rows.Count == 0 || choice < 5)
                {
                    var row = RandomOrder(random, transaction);
                    rows[nextId++] = row;
                    changes.Add((row, 1));
                }
                else if (choice < 8)
                {
                    var id = Victim(random, rows);
                    var old = rows[id];
                    var updated = random.Next(2) == 0 ? old with { Status = Pick(random, s_statuses) }
                        : old with { Total = RandomTotal(random) };
                    rows[id] = updated;
                    changes.Add((old, -1));
                    changes.Add((updated, 1));
                }
                else
                {
                    var id = Victim(random, rows);
                    changes.Add((rows[id], -1));
                    rows.Remove(id);
                }
            }

            rollup.Apply(Batch(changes));
            rollup.Commit($"tx-{transaction}");
            if (transaction % 4 == 0 || transaction == 60)
            {
                AssertQueries(random, tiered, plain, rows.Values.ToList(), transaction);
            }
        }
    }

    private static void AssertQueries(Random random, QueryEngine tiered, QueryEngine plain, List<Order> rows,
        int step)
    {
        var from = random.Next(Minutes);
        var to = Math.Min(Minutes, from + random.Next(1, 3 * 1440));
        var range = $"__time >= TIMESTAMP '{Timestamp(from)}' AND __time < TIMESTAMP '{Timestamp(to)}'";
        var inRange = rows.Where(r => r.Minute >= from && r.Minute < to).ToList();

        Check(step, tiered, plain, "SELECT SUM(orders) AS n, SUM(revenue) AS r FROM orders",
            [Line(rows.Count, Sum(rows))]);
        Check(step, tiered, plain,
            "SELECT TIME_FLOOR(__time, 'P1D') AS d, SUM(orders) AS n, SUM(revenue) AS r FROM orders GROUP BY 1",
            rows.GroupBy(r => r.Minute / 1440).OrderBy(g => g.Key)
                .Select(g => Line(Iso(g.Key * 1440), g.Count(), Sum(g))));
        Check(step, tiered, plain,
            $"SELECT status, COUNT(*) AS n, SUM(revenue) AS r, SUM(orders) AS o FROM orders WHERE {range} " +
            "GROUP BY status",
            inRange.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Line(g.Key ?? "NULL", g.Count(), Sum(g), g.Count())));
        Check(step, tiered, plain,
            $"SELECT TIME_FLOOR(__time, 'PT1H') AS h, status, SUM(revenue) AS r FROM orders WHERE {range} " +
            "GROUP BY 1, 2",
            inRange.GroupBy(r => (Hour: r.Minute / 60, r.Status)).OrderBy(g => g.Key.Hour)
                .ThenBy(g => g.Key.Status, StringComparer.Ordinal)
                .Select(g => Line(Iso(g.Key.Hour * 60), g.Key.Status ?? "NULL", Sum(g))));
        Check(step, tiered, plain,
            $"SELECT __time AS m, SUM(orders) AS n, SUM(revenue) AS r FROM orders WHERE {range} GROUP BY 1",
            inRange.GroupBy(r => r.Minute).OrderBy(g => g.Key).Select(g => Line(Iso(g.Key), g.Count(), Sum(g))));
        Check(step, tiered, plain,
            $"SELECT status, MIN(lo) AS lo, MAX(hi) AS hi, SUM(revenue) AS r FROM orders WHERE {range} GROUP BY status",
            inRange.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Line(g.Key ?? "NULL", Extreme(g, min: true), Extreme(g, min: false), Sum(g))));
        Check(step, tiered, plain,
            "SELECT TIME_FLOOR(__time, 'P1D') AS d, MIN(lo) AS lo, MAX(hi) AS hi FROM orders GROUP BY 1",
            rows.GroupBy(r => r.Minute / 1440).OrderBy(g => g.Key)
                .Select(g => Line(Iso(g.Key * 1440), Extreme(g, min: true), Extreme(g, min: false))));
        var week = $"__time >= TIMESTAMP '{Timestamp(from)}'";
        Check(step, tiered, plain,
            $"SELECT COUNT(*) AS n, SUM(priced) AS p, MIN(lo) AS lo, MAX(hi) AS hi FROM orders WHERE {week}",
            [Line(rows.Count(r => r.Minute >= from), rows.Count(r => r.Minute >= from && r.Total is not null),
                Extreme(rows.Where(r => r.Minute >= from), min: true),
                Extreme(rows.Where(r => r.Minute >= from), min: false))]);
    }

    private static void Check(int step, QueryEngine tiered, QueryEngine plain, string sql,
        IEnumerable<string> expected)
    {
        var expectedRows = expected.ToList();
        var fromTiers = Lines(tiered.ExecuteSql(sql));
        var fromScan = Lines(plain.ExecuteSql(sql));
        Assert.True(expectedRows.SequenceEqual(fromScan),
            $"after transaction {step}, {sql}: the plain scan gave [{string.Join(", ", fromScan)}], expected " +
            $"[{string.Join(", ", expectedRows)}]");
        Assert.True(expectedRows.SequenceEqual(fromTiers),
            $"after transaction {step}, {sql}: the tiers gave [{string.Join(", ", fromTiers)}], expected " +
            $"[{string.Join(", ", expectedRows)}]");
    }

    private static List<string> Lines(Monolith.Engine.Query.Results.QueryResult result) =>
        result.Rows.Select(r => string.Join('|', r.Select(v => v.ToString()))).ToList();

    private static string Line(params object?[] values) =>
        string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string Sum(IEnumerable<Order> rows)
    {
        var totals = rows.Where(r => r.Total is not null).Select(r => r.Total!.Value).ToList();
        return totals.Count == 0 ? "NULL" : totals.Sum().ToString("F2", CultureInfo.InvariantCulture);
    }

    private static string Extreme(IEnumerable<Order> rows, bool min)
    {
        var totals = rows.Where(r => r.Total is not null).Select(r => r.Total!.Value).ToList();
        return totals.Count == 0 ? "NULL"
            : (min ? totals.Min() : totals.Max()).ToString("F2", CultureInfo.InvariantCulture);
    }

    private static string Iso(long minute) => DruidTime.FormatIso(Start + (minute * Minute));

    private static string Timestamp(long minute) => DruidTime.FormatSqlTimestamp(Start + (minute * Minute));

    /// <summary>Early transactions spread orders over all four days; later ones favour a few hours, so that
    /// updates and deletes hit groups that already hold rows.</summary>
    private static Order RandomOrder(Random random, int transaction)
    {
        var minute = transaction < 20 || random.Next(3) == 0 ? random.Next(Minutes)
            : (random.Next(8) * 600) + random.Next(90);
        return new Order(minute, Pick(random, s_statuses), RandomTotal(random));
    }

    private static decimal? RandomTotal(Random random)
    {
        var cents = random.Next(0, 1_000_000);
        return random.Next(12) == 0 ? null : new decimal(cents, 0, 0, cents > 0 && random.Next(20) == 0, 2);
    }

    /// <summary>Half of the time the row holding its group's smallest or largest total, or its last row.</summary>
    private static int Victim(Random random, Dictionary<int, Order> rows)
    {
        var ids = rows.Keys.ToList();
        var id = ids[random.Next(ids.Count)];
        if (random.Next(2) == 0)
        {
            var row = rows[id];
            var group = ids.Where(i => rows[i].Minute == row.Minute && rows[i].Status == row.Status &&
                                       rows[i].Total is not null).ToList();
            if (group.Count > 0)
            {
                id = random.Next(2) == 0 ? group.MinBy(i => rows[i].Total)! : group.MaxBy(i => rows[i].Total)!;
            }
        }

        return id;
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static RecordBatch Batch(List<(Order Row, sbyte Weight)> changes)
    {
        var time = new Int64Array.Builder();
        var status = new StringArray.Builder();
        var weight = new Int8Array.Builder();
        var totals = Enumerable.Range(0, 4).Select(_ => new Decimal128Array.Builder(new Decimal128Type(12, 2)))
            .ToArray();
        foreach (var (row, w) in changes)
        {
            time.Append(Start + (row.Minute * Minute));
            if (row.Status is null)
            {
                status.AppendNull();
            }
            else
            {
                status.Append(row.Status);
            }

            foreach (var total in totals)
            {
                if (row.Total is null)
                {
                    total.AppendNull();
                }
                else
                {
                    total.Append(row.Total.Value);
                }
            }

            weight.Append(w);
        }

        return new RecordBatch(s_schema,
            [time.Build(), status.Build(), .. totals.Select(t => (IArrowArray)t.Build()), weight.Build()],
            changes.Count);
    }
}
