using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Monolith.Benchmarks.Rollups;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Query;

/// <summary>
/// Dashboard queries, end to end (parse, plan, scan, aggregate, format JSON), over the demo rollup built from
/// 10 million synthetic orders spread over 30 days (216,000 minute-and-status groups); and the three dashboard
/// shapes that read thousands of groups: the top countries with exact distinct customers over a week
/// (revenue_per_hour: 50 country-and-currency groups an hour, about 300 customers each out of a million, so
/// 8,400 groups), the top products by units over a day not aligned to midnight (items_per_hour: 200 products an
/// hour, 4,800 groups), and orders per minute over the last hour as the dashboard asks it.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DashboardQueryBenchmarks
{
    private const long Day = 86_400_000;

    private QueryEngine _engine = null!;
    private readonly MemoryStream _output = new();
    private SqlQueryRequest _revenuePerHourPerStatus = null!;
    private SqlQueryRequest _topStatusesOverAWeek = null!;
    private SqlQueryRequest _ordersPerMinuteLastHour = null!;
    private SqlQueryRequest _totals = null!;
    private byte[] _timeseries = [];
    private SqlQueryRequest _topCountriesWithCustomers = null!;
    private SqlQueryRequest _topProductsOverADay = null!;
    private SqlQueryRequest _dashboardOrdersPerMinute = null!;

    private static readonly Schema s_items = new(
    [
        new Field("__time", Int64Type.Default, false),
        new Field("product_id", Int64Type.Default, true),
        new Field("units", Int64Type.Default, true),
        new Field("__weight", Int8Type.Default, false),
    ], null);

    [GlobalSetup]
    public void Setup()
    {
        var store = new RollupStore();
        var rollup = store.Add("orders", DemoOrders.Sql);
        const int Minutes = 30 * 1440;
        foreach (var batch in DemoOrders.Inserts(10_000_000, 65_536, Minutes))
        {
            rollup.Apply(batch);
        }

        rollup.Commit("bench");
        _engine = new QueryEngine(store);
        var lastDay = Engine.Time.DruidTime.FormatSqlTimestamp(DemoOrders.Start + (29 * Day));
        var lastWeek = Engine.Time.DruidTime.FormatSqlTimestamp(DemoOrders.Start + (23 * Day));
        var lastHour = Engine.Time.DruidTime.FormatSqlTimestamp(DemoOrders.Start + (30 * Day) - 3_600_000);
        _revenuePerHourPerStatus = Request(
            "SELECT TIME_FLOOR(__time, 'PT1H') AS \"hour\", status, SUM(revenue) AS revenue FROM orders " +
            $"WHERE __time >= TIMESTAMP '{lastDay}' GROUP BY 1, 2");
        _topStatusesOverAWeek = Request(
            "SELECT status, SUM(revenue) AS revenue, SUM(orders) AS orders FROM orders " +
            $"WHERE __time >= TIMESTAMP '{lastWeek}' GROUP BY status ORDER BY revenue DESC LIMIT 10");
        _ordersPerMinuteLastHour = Request(
            $"SELECT __time, COUNT(*) AS orders FROM orders WHERE __time >= TIMESTAMP '{lastHour}' GROUP BY 1");
        _totals = Request("SELECT COUNT(*) AS orders, SUM(revenue) AS revenue FROM orders");
        var end = DemoOrders.Start + (30 * Day);
        _dashboardOrdersPerMinute = Request(
            "SELECT __time AS \"minute\", SUM(orders) AS orders, SUM(revenue) AS revenue FROM orders " +
            $"WHERE {Range(end - 3_600_000, end)} GROUP BY 1 ORDER BY 1");

        const int Hours = 240;
        var customers = store.Add("revenue_per_hour", DashboardShapes.CustomersSql);
        foreach (var batch in DashboardShapes.Orders(3_600_000, Hours, 1_000_000))
        {
            customers.Apply(batch);
        }

        customers.Commit("bench");
        var hoursEnd = DemoOrders.Start + (Hours * 3_600_000L);
        _topCountriesWithCustomers = Request(
            "SELECT country, currency, SUM(orders) AS orders, COUNT(DISTINCT customers) AS customers " +
            $"FROM revenue_per_hour WHERE {Range(hoursEnd - (7 * Day), hoursEnd)} GROUP BY country, currency " +
            "ORDER BY orders DESC, country, currency LIMIT 5");

        // 29.5 days of order lines, so that the last day starts and ends at noon.
        const int ItemHours = (29 * 24) + 12;
        var items = store.Add("items_per_hour",
            "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, product_id, COUNT(*) AS lines, " +
            "SUM(quantity) AS units FROM shop.order_items GROUP BY 1, 2");
        foreach (var batch in Items(ItemHours, 2_000, 200))
        {
            items.Apply(batch);
        }

        items.Commit("bench");
        var itemsEnd = DemoOrders.Start + (ItemHours * 3_600_000L);
        _topProductsOverADay = Request(
            "SELECT product_id, SUM(units) AS units, SUM(lines) AS order_lines FROM items_per_hour " +
            $"WHERE {Range(itemsEnd - Day, itemsEnd)} GROUP BY product_id ORDER BY units DESC, product_id LIMIT 5");

        _timeseries = Encoding.UTF8.GetBytes(
            "{\"queryType\":\"timeseries\",\"dataSource\":\"orders\",\"granularity\":\"day\"," +
            "\"intervals\":[\"2025-11-01/2025-12-01\"],\"aggregations\":[{\"type\":\"count\",\"name\":\"orders\"}," +
            "{\"type\":\"doubleSum\",\"name\":\"revenue\",\"fieldName\":\"revenue\"}]}");
    }

    private static string Range(long from, long to) =>
        $"__time >= TIMESTAMP '{Engine.Time.DruidTime.FormatSqlTimestamp(from)}' AND " +
        $"__time < TIMESTAMP '{Engine.Time.DruidTime.FormatSqlTimestamp(to)}'";

    /// <summary>Order lines, <paramref name="perHour"/> an hour, each of a random one of
    /// <paramref name="products"/> products and 1 to 5 units.</summary>
    private static IEnumerable<RecordBatch> Items(int hours, int perHour, int products)
    {
        var random = new Random(42);
        for (var hour = 0; hour < hours; hour++)
        {
            var time = new Int64Array.Builder().Reserve(perHour);
            var product = new Int64Array.Builder().Reserve(perHour);
            var units = new Int64Array.Builder().Reserve(perHour);
            var weight = new Int8Array.Builder().Reserve(perHour);
            for (var i = 0; i < perHour; i++)
            {
                time.Append(DemoOrders.Start + (hour * 3_600_000L));
                product.Append(1 + random.Next(products));
                units.Append(1 + random.Next(5));
                weight.Append(1);
            }

            yield return new RecordBatch(s_items, [time.Build(), product.Build(), units.Build(), weight.Build()],
                perHour);
        }
    }

    private static SqlQueryRequest Request(string sql) => new() { Query = sql, ResultFormat = SqlResultFormat.Object };

    [Benchmark]
    public long RevenuePerHourPerStatusOverADay() => Run(_revenuePerHourPerStatus);

    [Benchmark]
    public long TopStatusesOverAWeek() => Run(_topStatusesOverAWeek);

    [Benchmark]
    public long OrdersPerMinuteForTheLastHour() => Run(_ordersPerMinuteLastHour);

    [Benchmark]
    public long DashboardOrdersPerMinuteLastHour() => Run(_dashboardOrdersPerMinute);

    [Benchmark]
    public long TopCountriesWithDistinctCustomersOverAWeek() => Run(_topCountriesWithCustomers);

    [Benchmark]
    public long TopProductsByUnitsOverADay() => Run(_topProductsOverADay);

    [Benchmark]
    public long TotalsOverEverything() => Run(_totals);

    [Benchmark]
    public long NativeTimeseriesPerDayOverAMonth()
    {
        _output.SetLength(0);
        _engine.ExecuteNative(_timeseries, _output);
        return _output.Length;
    }

    private long Run(SqlQueryRequest request)
    {
        _output.SetLength(0);
        _engine.ExecuteSql(request, _output);
        return _output.Length;
    }
}
