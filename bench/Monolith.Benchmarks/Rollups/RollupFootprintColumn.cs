using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Monolith.Benchmarks.Rollups;

/// <summary>
/// A summary column of <see cref="RollupMemoryBenchmarks"/> computed in the host process: it builds the case's
/// rollup once and reports its live groups, bytes per live group by the store's accounting, and bytes per live
/// group the managed heap grew by (the rollup kept alive, every earlier version collected).
/// </summary>
internal sealed class RollupFootprintColumn(RollupFootprintColumn.Figure figure) : IColumn
{
    private static readonly Dictionary<string, (long Groups, long StoreBytes, long HeapBytes)> s_measured =
        new(StringComparer.Ordinal);

    internal enum Figure
    {
        Groups,
        StoreBytesPerGroup,
        HeapBytesPerGroup,
    }

    public string Id => $"{nameof(RollupFootprintColumn)}.{figure}";

    public string ColumnName => figure switch
    {
        Figure.Groups => "Groups",
        Figure.StoreBytesPerGroup => "Store B/group",
        _ => "Heap B/group",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)figure;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => figure switch
    {
        Figure.Groups => "Live groups of the rollup built",
        Figure.StoreBytesPerGroup => "Bytes per live group by RollupStatus (state, dictionaries, index)",
        _ => "Bytes per live group the managed heap grew by while building and keeping the rollup",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var dimensions = (string)benchmarkCase.Parameters[nameof(RollupMemoryBenchmarks.Dimensions)];
        var (groups, store, heap) = Measure(dimensions);
        var value = figure switch
        {
            Figure.Groups => groups,
            Figure.StoreBytesPerGroup => store / groups,
            _ => heap / groups,
        };
        return value.ToString("N0", CultureInfo.InvariantCulture);
    }

    private static (long Groups, long StoreBytes, long HeapBytes) Measure(string dimensions)
    {
        lock (s_measured)
        {
            if (s_measured.TryGetValue(dimensions, out var measured))
            {
                return measured;
            }

            var (sql, batches) = RollupMemoryBenchmarks.Workload(dimensions);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var rollup = RollupMemoryBenchmarks.Build(sql, batches);
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var status = rollup.GetStatus();
            GC.KeepAlive(rollup);
            measured = (status.LiveGroups, status.TotalBytes, after - before);
            s_measured[dimensions] = measured;
            return measured;
        }
    }

    public override string ToString() => ColumnName;
}
