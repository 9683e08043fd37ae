using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Monolith.Engine.Changes;

namespace Monolith.Benchmarks.Transform;

/// <summary>Nanoseconds per row image appended to a change batch (six columns of mixed types), closing and
/// recycling a batch every 8,192 rows as the pipeline does.</summary>
[Config(typeof(BenchmarkConfig))]
public class ChangeBatchBenchmarks
{
    private const int Rows = 65_536;

    private ChangeBatchBuilder _builder = null!;

    [GlobalSetup]
    public void Setup() => _builder = new ChangeBatchBuilder(
        [
            new("id", Int64Type.Default),
            new("price", new Decimal128Type(12, 2)),
            new("status", StringType.Default),
            new("created", new TimestampType(TimeUnit.Microsecond, (string?)null)),
            new("qty", UInt64Type.Default),
            new("paid", BooleanType.Default),
        ],
        options: new ChangeBatchOptions { MaxRows = 8192 });

    [GlobalCleanup]
    public void Cleanup() => _builder.Dispose();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long AppendRows()
    {
        long total = 0;
        for (var i = 0; i < Rows; i++)
        {
            if (_builder.IsFull)
            {
                using var batch = _builder.Close()!;
                total += batch.Length;
            }

            _builder.BeginRow(1);
            _builder.AppendInt64(0, i);
            _builder.AppendDecimal(1, i * 3, 2);
            _builder.AppendBytes(2, "shipped"u8);
            _builder.AppendDateTime(3, 2024, 5, 17, 10, 11, 12, i & 0xFFFF);
            _builder.AppendUInt64(4, (ulong)i);
            _builder.AppendBoolean(5, (i & 1) == 0);
            _builder.EndRow();
        }

        return total;
    }
}
