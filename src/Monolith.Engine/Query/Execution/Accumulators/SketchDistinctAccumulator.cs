using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Sketches;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// APPROX_COUNT_DISTINCT over an APPROX_COUNT_DISTINCT metric: while every group feeding a slot is still exact,
/// the union of value hashes (exact); otherwise HyperLogLog registers merged from all of them.
/// </summary>
internal sealed class SketchDistinctAccumulator(DistinctSketchSnapshot metric, int slotCount)
    : Accumulator(ColumnType.Long)
{
    private readonly HashSet<long>?[] _exact = new HashSet<long>?[slotCount];
    private readonly byte[]?[] _registers = new byte[]?[slotCount];

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            if (metric.Sketches[groups[i]] is not { } sketch)
            {
                continue;
            }

            var slot = slots[i];
            if (sketch.IsExact && _registers[slot] is null)
            {
                var set = _exact[slot] ??= [];
                var keys = sketch.Exact!.Keys;
                var counts = sketch.Exact.Counts;
                for (var k = 0; k < keys.Length; k++)
                {
                    if (counts[k] > 0)
                    {
                        set.Add(keys[k]);
                    }
                }

                continue;
            }

            var registers = _registers[slot];
            if (registers is null)
            {
                registers = _registers[slot] = new byte[HyperLogLog.RegisterCount];
                foreach (var hash in _exact[slot] ?? [])
                {
                    HyperLogLog.Add(registers, (ulong)hash);
                }

                _exact[slot] = null;
            }

            if (sketch.IsExact)
            {
                var keys = sketch.Exact!.Keys;
                var counts = sketch.Exact.Counts;
                for (var k = 0; k < keys.Length; k++)
                {
                    if (counts[k] > 0)
                    {
                        HyperLogLog.Add(registers, (ulong)keys[k]);
                    }
                }
            }
            else
            {
                HyperLogLog.Merge(registers, sketch.Registers!);
            }
        }
    }

    public override QueryValue Result(int slot) => QueryValue.FromLong(
        _registers[slot] is { } registers ? HyperLogLog.Estimate(registers) : _exact[slot]?.Count ?? 0);
}
