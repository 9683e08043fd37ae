using System.Text;
using BenchmarkDotNet.Attributes;
using Monolith.Benchmarks.Rollups;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Query;

/// <summary>
/// Dashboard queries, end to end (parse, plan, scan, aggregate, format JSON), over the demo rollup built from
/// 10 million synthetic orders spread over 30 days (216,000 minute-and-status groups).
/// </summary>
[MemoryDiagnoser]
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
        _timeseries = Encoding.UTF8.GetBytes(
            "{\"queryType\":\"timeseries\",\"dataSource\":\"orders\",\"granularity\":\"day\"," +
            "\"intervals\":[\"2025-11-01/2025-12-01\"],\"aggregations\":[{\"type\":\"count\",\"name\":\"orders\"}," +
            "{\"type\":\"doubleSum\",\"name\":\"revenue\",\"fieldName\":\"revenue\"}]}");
    }

    private static SqlQueryRequest Request(string sql) => new() { Query = sql, ResultFormat = SqlResultFormat.Object };

    [Benchmark]
    public long RevenuePerHourPerStatusOverADay() => Run(_revenuePerHourPerStatus);

    [Benchmark]
    public long TopStatusesOverAWeek() => Run(_topStatusesOverAWeek);

    [Benchmark]
    public long OrdersPerMinuteForTheLastHour() => Run(_ordersPerMinuteLastHour);

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
