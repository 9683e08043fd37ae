using Apache.Arrow;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>APPROX_QUANTILE_DS and relatives: one retractable <see cref="QuantileSketch"/> per group.</summary>
internal sealed class QuantileState(RollupMetric metric, ColumnType inputType) : MetricState(metric, inputType)
{
    private readonly CowColumn<QuantileSketch?> _sketches = new();
    private double[] _values = [];
    private long[] _scratch = [];

    public override ColumnType ResultType => ColumnType.Double;

    public long Bytes => _sketches.Bytes;

    public override void EnsureCapacity(int groups) => _sketches.EnsureCapacity(groups);

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        var array = argument!;
        if (_values.Length < groups.Length)
        {
            _values = new double[Math.Max(groups.Length, _values.Length * 2)];
            _scratch = new long[_values.Length];
        }

        var values = _values.AsSpan(0, groups.Length);
        ArrowColumns.ReadDoubles(array, values, _scratch);
        var noNulls = array.NullCount == 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || (!noNulls && array.IsNull(i)))
            {
                continue;
            }

            var sketch = GroupObjects.Writable(_sketches, group, epoch, static () => new QuantileSketch(),
                static s => s.Clone(), static s => s.Epoch, static (s, e) => s.Epoch = e);
            if (!sketch.Add(values[i], weights[i]))
            {
                IgnoredValues++;
            }
        }
    }

    public override void Reset(int group)
    {
        if (_sketches.Get(group) is not null)
        {
            _sketches.Writable(group) = null;
        }
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) =>
        new QuantileSnapshot(Metric, InputType, _sketches.Publish(groupCount));
}
