using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Sketches;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>APPROX_QUANTILE_DS over a quantile metric: bucket counts merged across groups, then the quantile.</summary>
internal sealed class QuantileAccumulator(QuantileSnapshot metric, double probability, int slotCount)
    : Accumulator(ColumnType.Double)
{
    private readonly Dictionary<int, long>?[] _negative = new Dictionary<int, long>?[slotCount];
    private readonly Dictionary<int, long>?[] _positive = new Dictionary<int, long>?[slotCount];
    private readonly long[] _zero = new long[slotCount];

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            if (metric.Sketches[groups[i]] is not { } sketch)
            {
                continue;
            }

            var slot = slots[i];
            Merge(_negative[slot] ??= [], sketch.Negative);
            Merge(_positive[slot] ??= [], sketch.Positive);
            _zero[slot] += sketch.Zero;
        }
    }

    private static void Merge(Dictionary<int, long> target, CountMap<int> source)
    {
        var keys = source.Keys;
        var counts = source.Counts;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] != 0)
            {
                target[keys[i]] = target.GetValueOrDefault(keys[i]) + counts[i];
            }
        }
    }

    public override QueryValue Result(int slot)
    {
        if (_positive[slot] is null)
        {
            return QueryValue.Null;
        }

        var quantile = QuantileSketch.Quantile(_negative[slot]!, _zero[slot], _positive[slot]!, probability);
        return double.IsNaN(quantile) ? QueryValue.Null : QueryValue.FromDouble(quantile);
    }
}
