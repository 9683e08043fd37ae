using Apache.Arrow;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>APPROX_COUNT_DISTINCT: one <see cref="DistinctSketch"/> per group over 64-bit value hashes.</summary>
internal sealed class ApproxDistinctState(RollupMetric metric, ColumnType inputType, int exactLimit)
    : MetricState(metric, inputType)
{
    private readonly CowColumn<DistinctSketch?> _sketches = new();
    private ulong[] _hashes = [];
    private long[] _scratch = [];

    public override ColumnType ResultType => ColumnType.Long;

    public long Bytes => _sketches.Bytes;

    public override void EnsureCapacity(int groups) => _sketches.EnsureCapacity(groups);

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        var array = argument!;
        if (_hashes.Length < groups.Length)
        {
            _hashes = new ulong[Math.Max(groups.Length, _hashes.Length * 2)];
            _scratch = new long[_hashes.Length];
        }

        var hashes = _hashes.AsSpan(0, groups.Length);
        ArrowColumns.Hashes(array, hashes, _scratch);
        var noNulls = array.NullCount == 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || (!noNulls && array.IsNull(i)))
            {
                continue;
            }

            var sketch = GroupObjects.Writable(_sketches, group, epoch, static () => new DistinctSketch(),
                static s => s.Clone(), static s => s.Epoch, static (s, e) => s.Epoch = e);
            if (sketch.Add(hashes[i], weights[i], exactLimit))
            {
                IgnoredRetractions -= weights[i];
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
        new DistinctSketchSnapshot(Metric, InputType, _sketches.Publish(groupCount));
}
