using System.Numerics;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>MIN or MAX over a MIN or MAX metric: the extreme of the groups' extremes, compared as order keys.</summary>
internal sealed class MinMaxAccumulator<TKey>(MinMaxSnapshot<TKey> metric, ColumnSnapshot<long> rowCounts,
    int slotCount)
    : Accumulator(metric.ResultType)
    where TKey : unmanaged, IEquatable<TKey>, IComparisonOperators<TKey, TKey, bool>
{
    private readonly TKey[] _best = new TKey[slotCount];
    private readonly bool[] _has = new bool[slotCount];

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (NullTracker.Read(metric.NonNull, group, rowCounts[group]) <= 0)
            {
                continue;
            }

            var slot = slots[i];
            var value = metric.Extremes[group];
            if (!_has[slot] || (metric.IsMax ? value > _best[slot] : value < _best[slot]))
            {
                _best[slot] = value;
                _has[slot] = true;
            }
        }
    }

    public override QueryValue Result(int slot) => _has[slot] ? metric.Decode(_best[slot]) : QueryValue.Null;
}
