using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// COUNT(*) over a rollup: the number of source rows, the sum of the groups' row counts. With a dimension it is
/// COUNT(dimension): rows whose dimension is not NULL. Also SUM over a COUNT metric.
/// </summary>
internal sealed class RowCountAccumulator(ColumnSnapshot<long> counts, ColumnSnapshot<int>? nonNullDimension,
    int slotCount)
    : Accumulator(ColumnType.Long)
{
    private readonly long[] _sums = new long[slotCount];

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (nonNullDimension is { } ids && ids[group] == 0)
            {
                continue;
            }

            _sums[slots[i]] += counts[group];
        }
    }

    public override QueryValue Result(int slot) => QueryValue.FromLong(_sums[slot]);
}
