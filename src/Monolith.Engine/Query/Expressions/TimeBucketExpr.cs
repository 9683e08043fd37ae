using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Expressions;

/// <summary>
/// An expression whose value depends on a timestamp only through the bucket of <see cref="Granularity"/> it falls
/// in: TIME_FLOOR, FLOOR(t TO unit), DATE_TRUNC, CEIL(t TO unit) and EXTRACT. Knowing that granularity lets
/// the planner prove the value constant over each rollup bucket, which is what makes grouping by it exact.
/// </summary>
internal sealed class TimeBucketExpr(Expr timestamp, Granularity granularity, ColumnType type,
    Func<long, Granularity, QueryValue> fromInstant, bool isFloor = false) : Expr(type)
{
    /// <summary>True when the value is the bucket start itself (TIME_FLOOR and its spellings).</summary>
    public bool IsFloor { get; } = isFloor;

    public Expr Timestamp { get; } = timestamp;

    public Granularity Granularity { get; } = granularity;

    public override IReadOnlyList<Expr> Children => [Timestamp];

    public override QueryValue Evaluate(IValueSource row)
    {
        var value = Timestamp.Evaluate(row);
        return value.IsNull ? value : fromInstant(value.Long, Granularity);
    }
}
