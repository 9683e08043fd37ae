using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Expressions;

/// <summary>A timestamp plus or minus an interval: months on the UTC calendar, then milliseconds.</summary>
internal sealed class IntervalShiftExpr(Expr timestamp, long months, long millis) : Expr(ColumnType.Timestamp)
{
    public override IReadOnlyList<Expr> Children => [timestamp];

    public override QueryValue Evaluate(IValueSource row)
    {
        var value = timestamp.Evaluate(row);
        if (value.IsNull)
        {
            return value;
        }

        var shifted = months == 0 ? value.Long : CivilTime.AddMonths(value.Long, months);
        return QueryValue.FromTimestamp(shifted + millis);
    }
}
