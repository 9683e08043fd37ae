using System.Data.SqlTypes;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// The store's memory layout: the demo rollups fit in 64 bytes a group besides their dictionaries, and the
/// narrow 64-bit sums stay exact when values and sums leave 64 and 128 bits.
/// </summary>
public sealed class RollupLayoutTests
{
    private static readonly string[] s_statuses = ["new", "paid", "shipped", "delivered", "cancelled"];
    private static readonly string[] s_countries = ["DE", "FR", "NL", "BE", "AT", "CH", "IT", "ES"];

    [Theory]
    [InlineData("status")]
    [InlineData("status, country")]
    public void DemoRollup_TakesUnder64BytesPerGroupBesidesDictionaries(string dimensions)
    {
        var rollup = new RollupStore().Add("r",
            $"SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, {dimensions}, COUNT(*) AS orders, " +
            $"SUM(total) AS revenue FROM shop.orders GROUP BY 1, {(dimensions.Contains(',') ? "2, 3" : "2")}");
        var random = new Random(3);
        for (var minute = 0; minute < 12_000; minute += 100)
        {
            rollup.Apply(OrdersBatch(Enumerable.Range(minute, 100).SelectMany(m => Enumerable.Range(0, 8).Select(_ =>
                (m, s_statuses[random.Next(5)], s_countries[random.Next(8)], (decimal)random.Next(1, 99_999) / 100,
                    (sbyte)1)))));
            rollup.Commit(minute);
        }

        var status = rollup.GetStatus();
        Assert.True(status.LiveGroups > 40_000, $"only {status.LiveGroups} groups");
        var perGroup = (double)(status.StateBytes + status.IndexBytes) / status.LiveGroups;
        Assert.True(perGroup < 64, $"{perGroup:F1} bytes per group");
    }

    [Fact]
    public void MinMaxRollup_KeepsSingleValueGroupsWithoutAMultiset()
    {
        // The demo's payments rollup: a minute and a method mostly hold one payment, so MIN and MAX hold one
        // value each; a group costs its keys, count and index, a 64-bit sum, and 16 + 8 + 8 bytes per extreme.
        var store = new RollupStore();
        var rollup = store.Add("r",
            "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, country, COUNT(*) AS n, " +
            "SUM(total) AS revenue, MIN(total) AS smallest, MAX(total) AS largest FROM shop.orders GROUP BY 1, 2, 3");
        var random = new Random(5);
        var rows = new List<(int Minute, string Status, string Country, decimal Total)>();
        for (var minute = 0; minute < 20_000; minute += 500)
        {
            List<(int Minute, string Status, string Country, decimal Total)> batch =
            [
                .. Enumerable.Range(minute, 500).SelectMany(m => s_statuses.Select(s =>
                    (m, s, s_countries[m % 8], (decimal)random.Next(1, 99_999) / 100))),
            ];
            rows.AddRange(batch);
            rollup.Apply(ExtremesBatch(batch.Select(r => (r.Minute, r.Status, r.Country, r.Total, (sbyte)1))));
            rollup.Commit(minute);
        }

        var status = rollup.GetStatus();
        Assert.True(status.LiveGroups >= 100_000, $"only {status.LiveGroups} groups");
        var perGroup = (double)(status.StateBytes + status.IndexBytes) / status.LiveGroups;
        Assert.True(perGroup < 120, $"{perGroup:F1} bytes per group (a multiset per group took about 570)");

        // A second value in a few groups, then the first one deleted: the extremes move to what is left.
        var changes = new List<(int, string, string, decimal, sbyte)>();
        foreach (var (minute, s, country, total) in rows.Take(50))
        {
            changes.Add((minute, s, country, total + 1, 1));
            changes.Add((minute, s, country, total - 1, 1));
            changes.Add((minute, s, country, total, -1));
        }

        rollup.Apply(ExtremesBatch(changes));
        rollup.Commit("changed");
        var result = new QueryEngine(store).ExecuteSql(
            "SELECT SUM(n) AS n, MIN(smallest) AS lo, MAX(largest) AS hi, SUM(revenue) AS total FROM r " +
            $"WHERE __time < TIMESTAMP '1970-01-01 00:{rows[49].Minute + 1:00}:00'");
        var survivors = rows.Take(50).SelectMany(r => new[] { r.Total + 1, r.Total - 1 }).ToList();
        Assert.Equal(
            string.Join('|', survivors.Count, survivors.Min().ToString("F2", CultureInfo.InvariantCulture),
                survivors.Max().ToString("F2", CultureInfo.InvariantCulture),
                survivors.Sum().ToString("F2", CultureInfo.InvariantCulture)),
            string.Join('|', result.Rows.Single().Select(v => v.ToString())));
    }

    [Fact]
    public void DecimalSumsPast64Bits_StayExactInEveryVersion()
    {
        var store = new RollupStore();
        var rollup = store.Add("r",
            "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, SUM(total) AS revenue FROM shop.orders " +
            "GROUP BY 1, 2");
        var random = new Random(11);
        var live = new List<(int Minute, string Status, decimal Total)>();
        var versions = new List<(RollupVersion Version, Dictionary<string, string> Expected)>();
        for (var transaction = 0; transaction < 60; transaction++)
        {
            var changes = new List<(int, string, string, decimal, sbyte)>();
            for (var i = 0; i < 40; i++)
            {
                if (live.Count > 0 && random.Next(3) == 0)
                {
                    var victim = random.Next(live.Count);
                    var (m, s, t) = live[victim];
                    live.RemoveAt(victim);
                    changes.Add((m, s, "DE", t, -1));
                    continue;
                }

                // Unscaled values near 2^63 (and past it): 64-bit words overflow within a few rows.
                var total = (random.Next(2) == 0 ? 1 : -1) *
                            (92_233_720_368_547_758.07m - random.Next(0, 1000) + (random.Next(4) * 1e17m));
                var row = (random.Next(3), s_statuses[random.Next(2)], total);
                live.Add(row);
                changes.Add((row.Item1, row.Item2, "DE", total, 1));
            }

            rollup.Apply(OrdersBatch(changes, new Decimal128Type(38, 2)));
            versions.Add((rollup.Commit(transaction), Expected(live)));
        }

        foreach (var (version, expected) in versions)
        {
            var actual = RollupContents.ReadAsText(version).ToDictionary(p => p.Key, p => p.Value["revenue"]);
            Assert.Equal(expected, actual);
        }

        // The values did leave 64 bits: some chunk carries high words.
        Assert.True(((SumSnapshot)versions[^1].Version.Metrics[0]!).Sums.WideChunks > 0);
        var sum = live.Sum(r => r.Total).ToString("F2", CultureInfo.InvariantCulture);
        var query = new QueryEngine(store).ExecuteSql("SELECT SUM(revenue) AS revenue FROM r");
        Assert.Equal(sum, query.Rows.Single()[0].ToString());
    }

    [Fact]
    public void DecimalSumsPast128Bits_MoveToArbitraryPrecisionExactly()
    {
        var rollup = new RollupStore().Add("r",
            "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, SUM(total) AS revenue FROM shop.orders " +
            "GROUP BY 1, 2");
        var huge = SqlDecimal.Parse("99999999999999999999999999999999999999");
        var type = new Decimal128Type(38, 0);
        rollup.Apply(Batch(type, (0, huge, 1), (0, huge, 1), (1, 5, 1)));
        var first = rollup.Commit(1);
        rollup.Apply(Batch(type, (0, huge, -1), (1, huge, 1)));
        var second = rollup.Commit(2);

        var nines = BigInteger.Parse("99999999999999999999999999999999999999", CultureInfo.InvariantCulture);
        Assert.Equal((nines * 2).ToString(CultureInfo.InvariantCulture),
            RollupContents.ReadAsText(first)["0|paid"]["revenue"]);
        Assert.Equal("5", RollupContents.ReadAsText(first)["60000|paid"]["revenue"]);
        Assert.Equal(nines.ToString(CultureInfo.InvariantCulture),
            RollupContents.ReadAsText(second)["0|paid"]["revenue"]);
        Assert.Equal((nines + 5).ToString(CultureInfo.InvariantCulture),
            RollupContents.ReadAsText(second)["60000|paid"]["revenue"]);
    }

    private static Dictionary<string, string> Expected(List<(int Minute, string Status, decimal Total)> live) =>
        live.GroupBy(r => (r.Minute, r.Status)).ToDictionary(
            g => $"{g.Key.Minute * 60_000}|{g.Key.Status}",
            g => g.Sum(r => r.Total).ToString("F2", CultureInfo.InvariantCulture));

    private static RecordBatch Batch(Decimal128Type type, params (int Minute, SqlDecimal Total, sbyte Weight)[] rows) =>
        Build(rows.Select(r => (r.Minute, "paid", "DE", r.Total, r.Weight)), type);

    private static RecordBatch OrdersBatch(IEnumerable<(int Minute, string Status, string Country, decimal Total,
        sbyte Weight)> rows, Decimal128Type? type = null) =>
        Build(rows.Select(r => (r.Minute, r.Status, r.Country, new SqlDecimal(r.Total), r.Weight)),
            type ?? new Decimal128Type(12, 2));

    /// <summary>Orders whose total feeds SUM, MIN and MAX (one column each, as the binding names them).</summary>
    private static RecordBatch ExtremesBatch(IEnumerable<(int Minute, string Status, string Country, decimal Total,
        sbyte Weight)> rows)
    {
        var list = rows.ToList();
        var batch = OrdersBatch(list);
        var type = new Decimal128Type(12, 2);
        IArrowArray Totals()
        {
            var builder = new Decimal128Array.Builder(type);
            foreach (var row in list)
            {
                builder.Append(row.Total);
            }

            return builder.Build();
        }

        var fields = batch.Schema.FieldsList.ToList();
        var arrays = Enumerable.Range(0, batch.ColumnCount).Select(batch.Column).ToList();
        fields.Insert(4, new Field("smallest", type, false));
        arrays.Insert(4, Totals());
        fields.Insert(5, new Field("largest", type, false));
        arrays.Insert(5, Totals());
        return new RecordBatch(new Schema(fields, null), arrays, list.Count);
    }

    private static RecordBatch Build(IEnumerable<(int Minute, string Status, string Country, SqlDecimal Total,
        sbyte Weight)> rows, Decimal128Type type)
    {
        var time = new Int64Array.Builder();
        var status = new StringArray.Builder();
        var country = new StringArray.Builder();
        var total = new Decimal128Array.Builder(type);
        var weight = new Int8Array.Builder();
        var count = 0;
        foreach (var (minute, s, c, t, w) in rows)
        {
            time.Append(minute * 60_000L);
            status.Append(s);
            country.Append(c);
            total.Append(t);
            weight.Append(w);
            count++;
        }

        IArrowArray[] arrays = [time.Build(), status.Build(), country.Build(), total.Build(), weight.Build()];
        var schema = new Schema(
        [
            new Field("__time", Int64Type.Default, false),
            new Field("status", StringType.Default, false),
            new Field("country", StringType.Default, false),
            new Field("revenue", type, false),
            new Field("__weight", Int8Type.Default, false),
        ], null);
        return new RecordBatch(schema, arrays, count);
    }
}
