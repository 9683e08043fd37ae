using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// Exact COUNT(DISTINCT): over a COUNT(DISTINCT) metric the union of the groups' value sets, over a dimension
/// the number of distinct non-NULL dictionary ids among the groups.
/// </summary>
internal sealed class DistinctAccumulator : Accumulator
{
    private readonly DistinctSetSnapshot? _metric;
    private readonly ColumnSnapshot<int> _dimension;
    private readonly HashSet<int>?[] _sets;
    private readonly int[] _single;

    public DistinctAccumulator(DistinctSetSnapshot metric, int slotCount)
        : base(ColumnType.Long)
    {
        _metric = metric;
        _sets = new HashSet<int>?[slotCount];
        _single = Enumerable.Repeat(-1, slotCount).ToArray();
    }

    public DistinctAccumulator(ColumnSnapshot<int> dimension, int slotCount)
        : base(ColumnType.Long)
    {
        _dimension = dimension;
        _sets = new HashSet<int>?[slotCount];
        _single = Enumerable.Repeat(-1, slotCount).ToArray();
    }

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var slot = slots[i];
            var set = _sets[slot] ??= [];
            if (_metric is null)
            {
                var id = _dimension[group];
                if (id != 0)
                {
                    set.Add(id);
                }

                continue;
            }

            // A slot fed by a single group can use the group's own count without building a set.
            if (_single[slot] == -1 && set.Count == 0)
            {
                _single[slot] = group;
                continue;
            }

            if (_single[slot] >= 0)
            {
                AddSet(set, _single[slot]);
                _single[slot] = -2;
            }

            AddSet(set, group);
        }
    }

    private void AddSet(HashSet<int> set, int group)
    {
        _metric!.Sets[group]?.ForEachPresent(set, static (s, id) => s.Add(id));
    }

    public override QueryValue Result(int slot) =>
        QueryValue.FromLong(_metric is not null && _single[slot] >= 0 ? _metric.Counts[_single[slot]]
            : _sets[slot]?.Count ?? 0);
}
