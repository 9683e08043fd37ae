using Apache.Arrow;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// COUNT(DISTINCT x), exact: values become ids of a dictionary shared by the metric's groups, and each group
/// keeps id to count (<see cref="DistinctSet"/>), so removing the last row with a value removes the value. The
/// sets are copy-on-write per epoch and page so that queries can union them across groups (distinct users per
/// day from a per-minute rollup) while a publish copies only the pages the epoch changed.
/// Dictionary ids are never reused: values that disappear everywhere keep their dictionary entry.
/// </summary>
internal sealed class CountDistinctState : MetricState
{
    private readonly DimensionDictionary _values;
    private readonly CowColumn<DistinctSet?> _sets = new();
    private readonly CowColumn<long> _counts = new();
    private int[] _ids = [];

    public CountDistinctState(RollupMetric metric, ColumnType inputType, DimensionDictionary values)
        : base(metric, inputType)
    {
        _values = values;
    }

    public override ColumnType ResultType => ColumnType.Long;

    /// <summary>Bytes of the dictionary of values, which <c>/status</c> counts with the dimensions'.</summary>
    public long ValueDictionaryBytes => _values.Bytes;

    public override void EnsureCapacity(int groups)
    {
        _sets.EnsureCapacity(groups);
        _counts.EnsureCapacity(groups);
    }

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        if (_ids.Length < groups.Length)
        {
            _ids = new int[Math.Max(groups.Length, _ids.Length * 2)];
        }

        var ids = _ids.AsSpan(0, groups.Length);
        _values.Encode(argument!, ids, groups);
        var lastGroup = -1;
        DistinctSet set = null!;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var id = ids[i];
            if (group < 0 || id == 0)
            {
                continue;
            }

            if (group != lastGroup)
            {
                set = Writable(group, epoch);
                lastGroup = group;
            }

            var weight = weights[i];
            var before = set.Add(id, weight);
            var after = before + weight;
            if (before <= 0 && after > 0)
            {
                _counts.Writable(group)++;
            }
            else if (before > 0 && after <= 0)
            {
                _counts.Writable(group)--;
            }
        }
    }

    private DistinctSet Writable(int group, int epoch)
    {
        var set = _sets.Get(group);
        if (set is null || set.Epoch != epoch)
        {
            set = set is null ? new DistinctSet(epoch) : set.Clone(epoch);
            _sets.Writable(group) = set;
        }

        return set;
    }

    public override void Reset(int group)
    {
        if (_sets.Get(group) is not null)
        {
            _sets.Writable(group) = null;
        }

        if (_counts.Get(group) != 0)
        {
            _counts.Writable(group) = 0;
        }
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
        new DistinctSetSnapshot(Metric, InputType, _values.Publish(), _sets.Publish(groupCount),
            _counts.Publish(groupCount));
}
