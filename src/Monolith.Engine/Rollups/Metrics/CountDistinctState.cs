using Apache.Arrow;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// COUNT(DISTINCT x), exact: values become ids of a dictionary shared by the metric's groups, and each group
/// keeps id to count, so removing the last row with a value removes the value. The sets are copy-on-write per
/// epoch so that queries can union them across groups (distinct users per day from a per-minute rollup).
/// Dictionary ids are never reused: values that disappear everywhere keep their dictionary entry.
/// </summary>
internal sealed class CountDistinctState : MetricState
{
    private readonly DimensionDictionary _values;
    private readonly CowColumn<CountMap<int>?> _sets = new();
    private readonly CowColumn<long> _counts = new();
    private int[] _ids = [];

    public CountDistinctState(RollupMetric metric, ColumnType inputType, DimensionDictionary values)
        : base(metric, inputType)
    {
        _values = values;
    }

    public override ColumnType ResultType => ColumnType.Long;

    public long Bytes => _sets.Bytes + _counts.Bytes + _values.Bytes;

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
        _values.Encode(argument!, ids);
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var id = ids[i];
            if (group < 0 || id == 0)
            {
                continue;
            }

            var set = GroupObjects.Writable(_sets, group, epoch, static () => new CountMap<int>(), static s =>
                s.Clone(),
                static s => s.Epoch, static (s, e) => s.Epoch = e);
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
