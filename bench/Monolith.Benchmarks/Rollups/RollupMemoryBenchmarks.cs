using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Rollups;

/// <summary>
/// Memory of the demo rollups: one operation builds a rollup from scratch (applies every batch, commits once).
/// The memory diagnoser's Allocated column is everything the build allocated, garbage included; the columns of
/// <see cref="RollupFootprintColumn"/> give what stays: bytes per live group by the store's own accounting
/// (<see cref="RollupStatus.BytesPerGroup"/>) and by the managed heap before and after the build.
/// </summary>
[Config(typeof(RollupMemoryConfig))]
public class RollupMemoryBenchmarks
{
    private List<RecordBatch> _batches = [];
    private string _sql = "";

    /// <summary>The dimensions besides the minute bucket: <c>status</c> (216,000 groups: 30 days of minutes,
    /// five statuses) or <c>status,country</c> (504,000 groups: 7 days, five statuses, ten countries); or a
    /// dashboard rollup: <c>payments</c> (MIN and MAX, 352,800 groups of about three payments) or
    /// <c>customers</c> (exact COUNT(DISTINCT), 12,000 groups of about 300 customers).</summary>
    [Params("status", "status,country", "payments", "customers")]
    public string Dimensions { get; set; } = "status";

    [GlobalSetup]
    public void Setup() => (_sql, _batches) = Workload(Dimensions);

    /// <summary>Builds the rollup from every batch and publishes it.</summary>
    [Benchmark]
    public Rollup Build() => Build(_sql, _batches);

    internal static Rollup Build(string sql, List<RecordBatch> batches)
    {
        var rollup = new RollupStore().Add("orders", sql);
        foreach (var batch in batches)
        {
            rollup.Apply(batch);
        }

        rollup.Commit("built");
        return rollup;
    }

    internal static (string Sql, List<RecordBatch> Batches) Workload(string dimensions) => dimensions switch
    {
        "status" => (DemoOrders.Sql, DemoOrders.Inserts(2_000_000, 65_536, 30 * 1440)),
        "status,country" => (DemoOrders.SqlByCountry, DemoOrders.Inserts(4_000_000, 65_536, 7 * 1440)),
        "payments" => (DashboardShapes.PaymentsSql, DashboardShapes.Payments(1_058_400, 7 * 1440)),
        "customers" => (DashboardShapes.CustomersSql, DashboardShapes.Orders(3_600_000, 240, 1_000_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "unknown shape"),
    };

    private sealed class RollupMemoryConfig : ManualConfig
    {
        public RollupMemoryConfig()
        {
            Add(new BenchmarkConfig());
            AddColumn(new RollupFootprintColumn(RollupFootprintColumn.Figure.Groups),
                new RollupFootprintColumn(RollupFootprintColumn.Figure.StoreBytesPerGroup),
                new RollupFootprintColumn(RollupFootprintColumn.Figure.HeapBytesPerGroup));
        }
    }
}
