using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Pipeline;

/// <summary>
/// The compute stage's steps for the demo rollups over <c>shop.orders</c> (orders_per_minute and
/// revenue_per_hour), in process, on one thread, from rows events as the source hands them over to rollup
/// versions a query can read: decode (<see cref="RowsEventReader"/>), append the row images to Arrow change
/// batches (<see cref="RowImageAppender"/> into a <see cref="ChangeBatchBuilder"/>), project each rollup's
/// columns (<see cref="RollupBinding.Project"/>), apply them (<see cref="Rollup.Apply"/>) and publish
/// (<see cref="Rollup.Commit"/> every <see cref="PublishRows"/> rows, as <see cref="PipelineOptions"/> does under
/// load). Each benchmark is one step or the whole; every figure is per row change (an UPDATE counts once and
/// carries two images), so Op/s is rows per second on one core.
/// </summary>
/// <remarks>
/// Inserts: 131,072 new orders in 8 KB WRITE_ROWS events (about 60 rows each), one every 50 ms of the shop's
/// clock (two hours of minute buckets, 14 markets, 100,000 customers). Updates: 131,072 status changes of the
/// first half of those orders, forward and then back, so that replaying leaves the state as it was. The rollups
/// are warm: the orders are already in them, as during steady ingestion.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
public class ComputeStageBenchmarks
{
    private const int Changes = 131_072;
    private const int BatchRows = 8192;
    private const long PublishRows = 65_536;

    private TableDecoder _decoder = null!;
    private List<RowsEventData> _events = [];
    private int[] _scratch = [];
    private ChangeBatchBuilder _builder = null!;
    private RowImageAppender _appender = null!;
    private RollupBinding[] _bindings = [];
    private Rollup[] _rollups = [];
    private List<ChangeBatch> _changeBatches = [];
    private readonly List<(Rollup Rollup, RecordBatch Batch)> _projected = [];
    private long _commits;

    /// <summary>Which row changes flow: new orders, or status changes (UPDATE) of existing ones.</summary>
    [Params("inserts", "updates")]
    public string Workload { get; set; } = "inserts";

    [GlobalSetup]
    public void Setup()
    {
        _decoder = OrdersBinlog.Decoder();
        _scratch = new int[_decoder.ScratchLength];
        var spacing = TimeSpan.FromMilliseconds(50);
        var inserts = OrdersBinlog.Inserts(Changes, spacing);
        _events = Workload == "inserts" ? inserts : OrdersBinlog.StatusChanges(Changes, spacing);

        var definitions = DemoRollups.Definitions();
        var columns = RowImageAppender.ColumnsOf(_decoder);
        var full = new ChangeBatchBuilder(columns, null, new ChangeBatchOptions { MaxRows = BatchRows });
        var needed = definitions.SelectMany(d => RollupBinding.Create(d, full.Schema).NeededColumns).ToHashSet();
        full.Dispose();
        _builder = new ChangeBatchBuilder(columns, needed, new ChangeBatchOptions { MaxRows = BatchRows });
        _appender = new RowImageAppender(_decoder, _builder);
        _bindings = [.. definitions.Select(d => RollupBinding.Create(d, _builder.Schema))];
        var store = new RollupStore();
        _rollups = [.. definitions.Select((d, i) => store.Add(d, _bindings[i].OutputSchema))];

        // Warm state: every order inserted once.
        foreach (var batch in ChangeBatches(inserts))
        {
            ProjectAndApply(batch.RecordBatch);
            batch.Dispose();
        }

        Commit();

        // Inputs of the single steps: the change batches, and each rollup's projected batches (copied, since a
        // projection is only valid until the next).
        _changeBatches = ChangeBatches(_events);
        foreach (var batch in _changeBatches)
        {
            for (var i = 0; i < _bindings.Length; i++)
            {
                if (_bindings[i].Project(batch.RecordBatch) is { } projected)
                {
                    _projected.Add((_rollups[i], projected.Clone()));
                }
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var batch in _changeBatches)
        {
            batch.Dispose();
        }

        _builder.Dispose();
    }

    /// <summary>Decoding alone: row boundaries and null bitmaps of every image.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public int Decode()
    {
        var rows = 0;
        foreach (var e in _events)
        {
            foreach (var change in new RowsEventReader(_decoder, e.Header, e.Body, _scratch))
            {
                rows += change.Kind == RowChangeKind.Update ? 2 : 1;
            }
        }

        return rows;
    }

    /// <summary>Decoding and appending the columns the rollups read to change batches (closed and recycled).</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public int DecodeAndAppend()
    {
        var batches = 0;
        foreach (var e in _events)
        {
            foreach (var change in new RowsEventReader(_decoder, e.Header, e.Body, _scratch))
            {
                Append(change);
                if (_builder.IsFull)
                {
                    _builder.Close()!.Dispose();
                    batches++;
                }
            }
        }

        _builder.Close()?.Dispose();
        return batches;
    }

    /// <summary>Each rollup's WHERE, dimensions, metric arguments and time buckets over the change batches.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public int Project()
    {
        var rows = 0;
        foreach (var batch in _changeBatches)
        {
            foreach (var binding in _bindings)
            {
                rows += binding.Project(batch.RecordBatch)?.Length ?? 0;
            }
        }

        return rows;
    }

    /// <summary>Applying the projected batches to the rollups' working state (nothing published).</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public void Apply()
    {
        foreach (var (rollup, batch) in _projected)
        {
            rollup.Apply(batch);
        }
    }

    /// <summary>The transform and rollup stages: project, apply and publish, from change batches.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public void ProjectApplyCommit()
    {
        long rows = 0;
        foreach (var batch in _changeBatches)
        {
            ProjectAndApply(batch.RecordBatch);
            rows += batch.Length;
            if (rows >= PublishRows)
            {
                Commit();
                rows = 0;
            }
        }

        Commit();
    }

    /// <summary>Everything the compute stage does, from rows events to published rollup versions.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public void Whole()
    {
        long rows = 0;
        foreach (var e in _events)
        {
            foreach (var change in new RowsEventReader(_decoder, e.Header, e.Body, _scratch))
            {
                Append(change);
                if (_builder.IsFull)
                {
                    rows += Flush();
                    if (rows >= PublishRows)
                    {
                        Commit();
                        rows = 0;
                    }
                }
            }
        }

        Flush();
        Commit();
    }

    private void Append(in RowChange change)
    {
        switch (change.Kind)
        {
            case RowChangeKind.Insert:
                _appender.Append(_builder, change.After, 1);
                break;
            case RowChangeKind.Delete:
                _appender.Append(_builder, change.Before, -1);
                break;
            default:
                _appender.Append(_builder, change.Before, -1);
                _appender.Append(_builder, change.After, 1);
                break;
        }
    }

    private int Flush()
    {
        using var batch = _builder.Close();
        if (batch is null)
        {
            return 0;
        }

        ProjectAndApply(batch.RecordBatch);
        return batch.Length;
    }

    private void ProjectAndApply(RecordBatch changes)
    {
        for (var i = 0; i < _bindings.Length; i++)
        {
            if (_bindings[i].Project(changes) is { } projected)
            {
                _rollups[i].Apply(projected);
            }
        }
    }

    private void Commit()
    {
        _commits++;
        foreach (var rollup in _rollups)
        {
            rollup.Commit(_commits);
        }
    }

    private List<ChangeBatch> ChangeBatches(List<RowsEventData> events)
    {
        var builder = new ChangeBatchBuilder(_builder.Columns, _builder.Schema.FieldsList.Select(f => f.Name)
            .Where(n => n != ChangeBatchBuilder.WeightColumnName), new ChangeBatchOptions { MaxRows = BatchRows });
        var appender = new RowImageAppender(_decoder, builder);
        var batches = new List<ChangeBatch>();
        foreach (var e in events)
        {
            foreach (var change in new RowsEventReader(_decoder, e.Header, e.Body, _scratch))
            {
                switch (change.Kind)
                {
                    case RowChangeKind.Insert:
                        appender.Append(builder, change.After, 1);
                        break;
                    default:
                        appender.Append(builder, change.Before, -1);
                        appender.Append(builder, change.After, 1);
                        break;
                }

                if (builder.IsFull)
                {
                    batches.Add(builder.Close()!);
                }
            }
        }

        if (builder.Close() is { } last)
        {
            batches.Add(last);
        }

        return batches;
    }
}
