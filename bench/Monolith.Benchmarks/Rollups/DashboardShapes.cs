using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Benchmarks.Rollups;

/// <summary>
/// The two demo rollups whose state is more than counts and sums, fed as the transform stage would feed them and
/// shaped like the dashboard's data at 10 million orders: payments_per_minute (MIN and MAX, about three payments
/// a group) and revenue_per_hour (exact COUNT(DISTINCT user_id), about 300 customers a group out of a million).
/// Deterministic, so runs compare.
/// </summary>
internal static class DashboardShapes
{
    public const string PaymentsSql =
        "SELECT TIME_FLOOR(paid_at, 'PT1M') AS __time, method, currency, COUNT(*) AS payments, " +
        "SUM(amount) AS amount, MIN(amount) AS min_amount, MAX(amount) AS max_amount " +
        "FROM shop.payments GROUP BY 1, 2, 3";

    public const string CustomersSql =
        "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, country, currency, COUNT(*) AS orders, " +
        "COUNT(DISTINCT user_id) AS customers FROM shop.orders GROUP BY 1, 2, 3";

    public static readonly string[] Methods =
        ["card", "paypal", "klarna", "sepa", "apple_pay", "google_pay", "invoice"];

    public static readonly string[] Currencies = ["EUR", "USD", "GBP", "PLN", "CHF"];

    private static readonly Schema s_payments = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("method", StringType.Default, true),
        new Field("currency", StringType.Default, true),
        new Field("amount", new Decimal128Type(12, 2), true),
        new Field("min_amount", new Decimal128Type(12, 2), true),
        new Field("max_amount", new Decimal128Type(12, 2), true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    private static readonly Schema s_orders = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("country", StringType.Default, true),
        new Field("currency", StringType.Default, true),
        new Field("customers", Int64Type.Default, true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    /// <summary>
    /// Payments spread evenly over <paramref name="minutes"/> minutes in time order, each with a random method and
    /// currency: 35 groups a minute, so <paramref name="payments"/> / (35 × minutes) payments a group on average.
    /// </summary>
    public static List<RecordBatch> Payments(long payments, int minutes, int batchSize = 65_536, int seed = 42)
    {
        var random = new Random(seed);
        var batches = new List<RecordBatch>();
        for (long first = 0; first < payments; first += batchSize)
        {
            var count = (int)Math.Min(batchSize, payments - first);
            var time = new Int64Array.Builder().Reserve(count);
            var method = new StringArray.Builder();
            var currency = new StringArray.Builder();
            var amount = new Decimal128Array.Builder(new Decimal128Type(12, 2)).Reserve(count);
            var weight = new Int8Array.Builder().Reserve(count);
            for (var i = 0; i < count; i++)
            {
                time.Append(DemoOrders.Start + ((first + i) * minutes / payments * 60_000));
                method.Append(Methods[random.Next(Methods.Length)]);
                currency.Append(Currencies[random.Next(Currencies.Length)]);
                amount.Append(random.Next(100, 100_000) / 100m);
                weight.Append(1);
            }

            var amounts = amount.Build();
            batches.Add(new RecordBatch(s_payments,
                [time.Build(), method.Build(), currency.Build(), amounts, amounts, amounts, weight.Build()], count));
        }

        return batches;
    }

    /// <summary>
    /// Orders spread evenly over <paramref name="hours"/> hours in time order, each with a random market (ten
    /// countries, five currencies: 50 groups an hour) and a customer drawn from <paramref name="users"/>.
    /// </summary>
    public static List<RecordBatch> Orders(long orders, int hours, int users, int batchSize = 65_536, int seed = 42)
    {
        var random = new Random(seed);
        var batches = new List<RecordBatch>();
        for (long first = 0; first < orders; first += batchSize)
        {
            var count = (int)Math.Min(batchSize, orders - first);
            var time = new Int64Array.Builder().Reserve(count);
            var country = new StringArray.Builder();
            var currency = new StringArray.Builder();
            var user = new Int64Array.Builder().Reserve(count);
            var weight = new Int8Array.Builder().Reserve(count);
            for (var i = 0; i < count; i++)
            {
                time.Append(DemoOrders.Start + ((first + i) * hours / orders * 3_600_000));
                country.Append(DemoOrders.Countries[random.Next(DemoOrders.Countries.Length)]);
                currency.Append(Currencies[random.Next(Currencies.Length)]);
                user.Append(1 + random.Next(users));
                weight.Append(1);
            }

            batches.Add(new RecordBatch(s_orders,
                [time.Build(), country.Build(), currency.Build(), user.Build(), weight.Build()], count));
        }

        return batches;
    }
}
