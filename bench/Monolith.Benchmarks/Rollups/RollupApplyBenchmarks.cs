using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Rollups;

/// <summary>
/// Ingestion into the demo rollup (minute buckets, one dictionary dimension, COUNT(*), SUM of a decimal):
/// one operation applies 64 batches of 16,384 rows and commits; the figures are per row. The state is warm
/// (a day of minute buckets already exists), as during steady ingestion.
/// </summary>
[MemoryDiagnoser]
public class RollupApplyBenchmarks
{
    private const int BatchSize = 16_384;
    private const int Batches = 64;
    private const int RowsPerOperation = BatchSize * Batches;

    private List<RecordBatch> _inserts = [];
    private List<RecordBatch> _updates = [];
    private Rollup _rollup = null!;
    private long _commits;

    [GlobalSetup]
    public void Setup()
    {
        _inserts = DemoOrders.Inserts(RowsPerOperation, BatchSize, minutes: 1440);
        _updates = DemoOrders.Updates(RowsPerOperation / 2, BatchSize, minutes: 1440);
        _rollup = new RollupStore().Add("orders_per_minute", DemoOrders.Sql);
        foreach (var batch in _inserts)
        {
            _rollup.Apply(batch);
        }

        _rollup.Commit(0L);
    }

    /// <summary>Inserts: every row adds to an existing (minute, status) group.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerOperation)]
    public void ApplyInserts()
    {
        foreach (var batch in _inserts)
        {
            _rollup.Apply(batch);
        }

        _rollup.Commit(++_commits);
    }

    /// <summary>Status changes: pairs of retraction and insertion in random buckets of the day.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerOperation)]
    public void ApplyUpdates()
    {
        foreach (var batch in _updates)
        {
            _rollup.Apply(batch);
        }

        _rollup.Commit(++_commits);
    }

    /// <summary>Inserts with a commit after every batch, as when each batch is one transaction.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerOperation)]
    public void ApplyInsertsCommitEachBatch()
    {
        foreach (var batch in _inserts)
        {
            _rollup.Apply(batch);
            _rollup.Commit(++_commits);
        }
    }
}
