using System.Numerics;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published SUM or AVG state: sums in one of three forms and the non-NULL counts.</summary>
internal sealed class SumSnapshot(
    RollupMetric metric,
    ColumnType inputType,
    ColumnType resultType,
    bool average,
    SumMode mode,
    WideSumSnapshot sums,
    ColumnSnapshot<double> doubles,
    ColumnSnapshot<double> compensations,
    ColumnSnapshot<BigInteger> big,
    ColumnSnapshot<long> nonNull) : MetricSnapshot(metric, inputType, resultType)
{
    public bool IsAverage { get; } = average;

    public SumMode Mode { get; } = mode;

    /// <summary>Exact sums in <see cref="SumMode.Integer"/>: unscaled decimals or integers.</summary>
    public WideSumSnapshot Sums { get; } = sums;

    public ColumnSnapshot<double> Doubles { get; } = doubles;

    public ColumnSnapshot<double> Compensations { get; } = compensations;

    public ColumnSnapshot<BigInteger> Big { get; } = big;

    /// <summary>Non-NULL counts; empty when they equal the row counts.</summary>
    public ColumnSnapshot<long> NonNull { get; } = nonNull;

    /// <summary>Decimal scale of the sums (0 for integers).</summary>
    public int Scale => InputType.Kind == ValueKind.Decimal ? InputType.Scale : 0;

    public long NonNullCount(int group, long rowCount) => NullTracker.Read(NonNull, group, rowCount);

    /// <summary>The group's sum as an exact or floating value, ignoring NULL-ness.</summary>
    public QueryValue Sum(int group) => Mode switch
    {
        SumMode.Double => QueryValue.FromDouble(Doubles[group] + Compensations[group]),
        SumMode.Big => QueryValue.FromDecimal(Big[group], Scale),
        _ => InputType.Kind == ValueKind.Decimal
            ? QueryValue.FromDecimal(Sums[group], Scale)
            : QueryValue.FromInteger(Sums[group]),
    };

    public override QueryValue Final(int group, long rowCount)
    {
        var count = NonNullCount(group, rowCount);
        if (count <= 0)
        {
            return QueryValue.Null;
        }

        var sum = Sum(group);
        return IsAverage ? QueryValue.FromDouble(sum.ToDouble() / count) : sum;
    }
}
