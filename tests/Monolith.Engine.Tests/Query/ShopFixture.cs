using System.Data.SqlTypes;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;
using Monolith.Engine.Tests.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Query;

/// <summary>A source order of the small shop the query tests run against.</summary>
internal sealed record ShopOrder(string CreatedAt, string Status, string? Country, decimal Total, long UserId,
    long Quantity)
{
    public long Created => DruidTime.ParseIso(CreatedAt);
}

/// <summary>
/// A small rollup of orders in hourly buckets over three days, with every kind of metric, and a query engine
/// over it. The clock stands at 2025-11-28T12:00Z.
/// </summary>
internal sealed class ShopFixture
{
    public const string Sql =
        "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, status, country, COUNT(*) AS orders, SUM(total) AS " +
            "revenue, " +
        "MIN(total) AS min_total, MAX(total) AS max_total, AVG(total) AS avg_total, COUNT(DISTINCT user_id) AS " +
            "users, " +
        "APPROX_COUNT_DISTINCT(user_id) AS approx_users, SUM(quantity) AS items, " +
        "APPROX_QUANTILE_DS(total, 0.5) AS median_total FROM shop.orders GROUP BY 1, 2, 3";

    public static readonly IReadOnlyList<ShopOrder> Orders =
    [
        new("2025-11-27T09:15:00Z", "paid", "DE", 10.00m, 1, 1),
        new("2025-11-27T09:45:00Z", "paid", "DE", 20.50m, 2, 2),
        new("2025-11-27T10:05:00Z", "cancelled", "US", 5.25m, 3, 1),
        new("2025-11-28T01:00:00Z", "paid", "US", 100.00m, 1, 3),
        new("2025-11-28T01:30:00Z", "paid", "US", 0.99m, 4, 1),
        new("2025-11-28T01:59:59Z", "new", null, 42.00m, 5, 4),
        new("2025-11-28T02:10:00Z", "paid", "DE", 7.01m, 2, 1),
        new("2025-11-28T11:20:00Z", "new", "DE", 13.37m, 6, 2),
        new("2025-11-29T00:00:00Z", "paid", "FR", 250.00m, 1, 5),
    ];

    public ShopFixture()
    {
        Clock = new ManualClock(DateTimeOffset.Parse("2025-11-28T12:00:00Z",
            System.Globalization.CultureInfo.InvariantCulture));
        Store = new RollupStore(Clock);
        Rollup = Store.Add("orders", Sql);
        Rollup.Apply(Batch(Orders.Select(o => (o, (sbyte)1)).ToList()));
        Rollup.Commit("mariadb-bin.000001:1234");
        Engine = new QueryEngine(Store);
    }

    public ManualClock Clock { get; }

    public RollupStore Store { get; }

    public Rollup Rollup { get; }

    public QueryEngine Engine { get; }

    /// <summary>Runs SQL and returns the object-format JSON.</summary>
    public string Json(string sql, params object?[] parameters) => Format(Engine.ExecuteSql(sql, parameters),
        SqlResultFormat.Object);

    public static string Format(QueryResult result, SqlResultFormat format, bool header = false, bool types = false,
        bool sqlTypes = false)
    {
        using var stream = new MemoryStream();
        ResultWriter.Write(result, stream, format, header, types, sqlTypes);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public string Native(string json)
    {
        using var stream = new MemoryStream();
        Engine.ExecuteNative(Encoding.UTF8.GetBytes(json), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static RecordBatch Batch(IReadOnlyList<(ShopOrder Order, sbyte Weight)> changes)
    {
        var decimalType = new Decimal128Type(12, 2);
        var time = new Int64Array.Builder();
        var status = new StringArray.Builder();
        var country = new StringArray.Builder();
        var totals = Enumerable.Range(0, 5).Select(_ => new Decimal128Array.Builder(decimalType)).ToArray();
        var users = new Int64Array.Builder();
        var approx = new Int64Array.Builder();
        var items = new Int64Array.Builder();
        var weight = new Int8Array.Builder();
        var hour = Granularity.Of(IsoPeriod.Parse("PT1H"));
        foreach (var (order, w) in changes)
        {
            time.Append(hour.BucketStart(order.Created));
            status.Append(order.Status);
            if (order.Country is null)
            {
                country.AppendNull();
            }
            else
            {
                country.Append(order.Country);
            }

            foreach (var total in totals)
            {
                total.Append(new SqlDecimal(order.Total));
            }

            users.Append(order.UserId);
            approx.Append(order.UserId);
            items.Append(order.Quantity);
            weight.Append(w);
        }

        var columns = new (string, IArrowArray)[]
        {
            ("__time", time.Build()), ("status", status.Build()), ("country", country.Build()),
            ("revenue", totals[0].Build()), ("min_total", totals[1].Build()), ("max_total", totals[2].Build()),
            ("avg_total", totals[3].Build()), ("median_total", totals[4].Build()), ("users", users.Build()),
            ("approx_users", approx.Build()), ("items", items.Build()), ("__weight", weight.Build()),
        };
        var schema = new Schema(columns.Select(c => new Field(c.Item1, c.Item2.Data.DataType, true)), null);
        return new RecordBatch(schema, columns.Select(c => c.Item2), changes.Count);
    }
}
