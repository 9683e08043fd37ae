using Apache.Arrow;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>COUNT(x): the number of rows whose argument is not NULL.</summary>
internal sealed class CountValuesState(RollupMetric metric, ColumnType inputType) : MetricState(metric, inputType)
{
    private readonly CowColumn<long> _counts = new();

    public override ColumnType ResultType => ColumnType.Long;

    public long Bytes => _counts.Bytes;

    public override void EnsureCapacity(int groups) => _counts.EnsureCapacity(groups);

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        var noNulls = argument!.NullCount == 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group >= 0 && (noNulls || argument.IsValid(i)))
            {
                _counts.Writable(group) += weights[i];
            }
        }
    }

    public override void Reset(int group)
    {
        if (_counts.Get(group) != 0)
        {
            _counts.Writable(group) = 0;
        }
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
        new CountSnapshot(Metric, _counts.Publish(groupCount));
}
