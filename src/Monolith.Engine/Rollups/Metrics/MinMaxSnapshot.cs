using System.Numerics;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published MIN or MAX: the current extreme per group as an order key, and non-NULL counts.</summary>
internal sealed class MinMaxSnapshot<TKey>(
    RollupMetric metric, ColumnType inputType, bool isMax, ColumnSnapshot<TKey> extremes, ColumnSnapshot<long> nonNull)
    : MetricSnapshot(metric, inputType, inputType)
    where TKey : unmanaged, IEquatable<TKey>, IComparisonOperators<TKey, TKey, bool>
{
    public bool IsMax { get; } = isMax;

    public ColumnSnapshot<TKey> Extremes { get; } = extremes;

    public ColumnSnapshot<long> NonNull { get; } = nonNull;

    public QueryValue Decode(TKey key) => MinMaxState<TKey>.Decode(InputType, key);

    public override QueryValue Final(int group, long rowCount) =>
        NullTracker.Read(NonNull, group, rowCount) <= 0 ? QueryValue.Null : Decode(Extremes[group]);
}
