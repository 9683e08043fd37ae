using Apache.Arrow;
using Monolith.Engine.Rollups;
using Monolith.Engine.Tests.Query;
using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Rollups;

public sealed class RollupConcurrencyTests
{
    private const string Demo =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2";

    /// <summary>
    /// Every transaction moves one order from 'new' to 'paid' and adds one new order, across many buckets; a
    /// reader that pins any version must see, for that version's position n, exactly n paid orders and one new
    /// order per bucket it touched, never a half-applied transaction, while the writer keeps going.
    /// </summary>
    [Fact]
    public void Readers_SeeWholeTransactionsWhileTheWriterRuns()
    {
        var rollup = new RollupStore().Add("r", Demo);
        const int Transactions = 3000;
        var failures = new List<string>();
        var done = false;
        var writer = new Thread(() =>
        {
            for (var n = 1; n <= Transactions; n++)
            {
                var minute = n % 97;
                if (n > 1)
                {
                    rollup.Apply(Batch((minute, "new", -1)));
                    rollup.Apply(Batch((minute, "paid", 1)));
                }

                rollup.Apply(Batch((minute, "new", 1)));
                rollup.Commit(n);
            }

            Volatile.Write(ref done, true);
        });
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            var checks = 0;
            while (!Volatile.Read(ref done) || checks == 0)
            {
                var version = rollup.Current;
                if (version.Position is not int n)
                {
                    continue;
                }

                var contents = RollupContents.ReadAsText(version);
                var paid = contents.Where(c => c.Key.EndsWith("|paid", StringComparison.Ordinal)).Sum(c =>
                    long.Parse(c.Value["orders"]));
                var fresh = contents.Where(c => c.Key.EndsWith("|new", StringComparison.Ordinal)).Sum(c =>
                    long.Parse(c.Value["orders"]));
                var revenue = contents.Values.Sum(c => decimal.Parse(c["revenue"],
                    System.Globalization.CultureInfo.InvariantCulture));
                if (paid != n - 1 || fresh != 1 || revenue != n * 1.5m)
                {
                    lock (failures)
                    {
                        failures.Add($"version {n}: paid {paid}, new {fresh}, revenue {revenue}");
                    }
                }

                checks++;
            }
        })).ToList();

        writer.Start();
        readers.ForEach(r => r.Start());
        writer.Join();
        readers.ForEach(r => r.Join());

        Assert.Empty(failures);
        Assert.Equal(Transactions, rollup.Current.Position);
    }

    private static RecordBatch Batch(params (long Minute, string Status, sbyte Weight)[] rows)
    {
        var shop = ShopFixture.Batch(rows.Select(r =>
            (new ShopOrder(DruidTime.FormatIso(r.Minute * 60_000), r.Status, null, 1.5m, 1, 1), r.Weight)).ToList());
        var keep = new[] { "__time", "status", "revenue", "__weight" };
        var fields = keep.Select(name => shop.Schema.GetFieldByName(name)).ToList();
        return new RecordBatch(new Schema(fields, null), keep.Select(name => shop.Column(name)), shop.Length);
    }
}
