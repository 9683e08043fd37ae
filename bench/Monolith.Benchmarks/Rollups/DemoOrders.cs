using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Benchmarks.Rollups;

/// <summary>
/// Synthetic orders for the demo rollup (minute buckets, status, COUNT(*), SUM(total)) as the transform stage
/// would hand them over: Arrow batches with __time already floored, status and country text, total as
/// DECIMAL(12, 2) and weights. Deterministic, so runs compare.
/// </summary>
internal static class DemoOrders
{
    public const string Sql =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2";

    /// <summary>2025-11-01T00:00Z, where the synthetic history starts.</summary>
    public const long Start = 1761955200000;

    /// <summary>The demo rollup with a second dictionary dimension.</summary>
    public const string SqlByCountry =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, country, COUNT(*) AS orders, " +
        "SUM(total) AS revenue FROM shop.orders GROUP BY 1, 2, 3";

    public static readonly string[] Statuses = ["new", "paid", "shipped", "delivered", "cancelled"];

    public static readonly string[] Countries = ["DE", "FR", "NL", "BE", "AT", "CH", "IT", "ES", "PL", "SE"];

    private static readonly Schema s_schema = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("status", StringType.Default, true),
        new Field("country", StringType.Default, true),
        new Field("revenue", new Decimal128Type(12, 2), true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    /// <summary>
    /// Batches of inserted orders spread evenly over <paramref name="minutes"/> minutes from <see cref="Start"/>,
    /// in time order as a binlog delivers them.
    /// </summary>
    public static List<RecordBatch> Inserts(long orders, int batchSize, int minutes, int seed = 42)
    {
        var random = new Random(seed);
        var batches = new List<RecordBatch>();
        for (long first = 0; first < orders; first += batchSize)
        {
            var count = (int)Math.Min(batchSize, orders - first);
            batches.Add(Batch(count, i => (Start + ((first + i) * minutes / orders * 60_000),
                Statuses[random.Next(Statuses.Length)], Countries[random.Next(Countries.Length)],
                random.Next(100, 100_000), (sbyte)1)));
        }

        return batches;
    }

    /// <summary>Updates as the binlog carries them: each changes an order's status, -1 of the old row image and
    /// +1 of the new one, within <paramref name="minutes"/> minutes.</summary>
    public static List<RecordBatch> Updates(long updates, int batchSize, int minutes, int seed = 7)
    {
        var random = new Random(seed);
        var batches = new List<RecordBatch>();
        for (long first = 0; first < updates * 2; first += batchSize)
        {
            var count = (int)Math.Min(batchSize, (updates * 2) - first);
            var minute = 0L;
            var cents = 0;
            var status = 0;
            var country = "";
            batches.Add(Batch(count, i =>
            {
                if ((i & 1) == 0)
                {
                    minute = random.Next(minutes);
                    cents = random.Next(100, 100_000);
                    status = random.Next(Statuses.Length - 1);
                    country = Countries[random.Next(Countries.Length)];
                    return (Start + (minute * 60_000), Statuses[status], country, cents, (sbyte)-1);
                }

                return (Start + (minute * 60_000), Statuses[status + 1], country, cents, (sbyte)1);
            }));
        }

        return batches;
    }

    private static RecordBatch Batch(int count,
        Func<int, (long Time, string Status, string Country, long Cents, sbyte Weight)> row)
    {
        var time = new Int64Array.Builder().Reserve(count);
        var status = new StringArray.Builder();
        var country = new StringArray.Builder();
        var revenue = new Decimal128Array.Builder(new Decimal128Type(12, 2)).Reserve(count);
        var weight = new Int8Array.Builder().Reserve(count);
        for (var i = 0; i < count; i++)
        {
            var (t, s, c, cents, w) = row(i);
            time.Append(t);
            status.Append(s);
            country.Append(c);
            revenue.Append(cents / 100m);
            weight.Append(w);
        }

        return new RecordBatch(s_schema,
            [time.Build(), status.Build(), country.Build(), revenue.Build(), weight.Build()], count);
    }
}
