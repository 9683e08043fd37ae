using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// The range of bucket starts a condition can accept, read off its comparisons of <c>__time</c> with constants
/// (inclusive at both ends). It only narrows which chunks of groups are looked at; the condition itself is
/// still evaluated for every group in range.
/// </summary>
internal readonly record struct TimeRange(long First, long Last)
{
    public static TimeRange All { get; } = new(long.MinValue, long.MaxValue);

    public bool IsAll => First == long.MinValue && Last == long.MaxValue;

    public bool Overlaps(long first, long last) => first <= Last && last >= First;

    /// <summary>The range a condition implies; <see cref="All"/> when it says nothing usable about time.</summary>
    public static TimeRange Of(Expr? condition)
    {
        switch (condition)
        {
            case LogicalExpr { IsAnd: true } and:
                return and.Children.Select(Of).Aggregate(All, (a, b) => new TimeRange(Math.Max(a.First, b.First),
                    Math.Min(a.Last, b.Last)));
            case LogicalExpr or:
                var parts = or.Children.Select(Of).ToList();
                return parts.Count == 0 ? All : new TimeRange(parts.Min(p => p.First), parts.Max(p => p.Last));
            case ComparisonExpr comparison:
                return Comparison(comparison);
            default:
                return All;
        }
    }

    /// <summary>
    /// The condition left once the range is enforced: the comparisons of <c>__time</c> with constants that
    /// <see cref="Of"/> reads from the top-level AND are exactly what selecting by the range checks, so they need
    /// not be evaluated again per group. Null when nothing is left.
    /// </summary>
    public static Expr? Residual(Expr? condition)
    {
        if (condition is null || Captured(condition))
        {
            return null;
        }

        if (condition is not LogicalExpr { IsAnd: true } and)
        {
            return condition;
        }

        var rest = new List<Expr>();
        foreach (var child in and.Children)
        {
            if (Residual(child) is { } left)
            {
                rest.Add(left);
            }
        }

        return rest.Count switch
        {
            0 => null,
            1 => rest[0],
            _ when rest.Count == and.Children.Count => condition,
            _ => new LogicalExpr(true, rest),
        };
    }

    private static bool Captured(Expr condition) =>
        condition is ComparisonExpr comparison && !Comparison(comparison).IsAll;

    private static TimeRange Comparison(ComparisonExpr comparison)
    {
        var (op, value) = comparison switch
        {
            { Left: ColumnExpr { Slot: RollupLayout.TimeSlot }, Right: LiteralExpr literal } => (comparison.Operator,
                literal.Value),
            { Right: ColumnExpr { Slot: RollupLayout.TimeSlot }, Left: LiteralExpr literal } =>
                (Flip(comparison.Operator), literal.Value),
            _ => (SqlBinaryOperator.NotEqual, QueryValue.Null),
        };
        if (value.Kind is not (ValueKind.Timestamp or ValueKind.Long))
        {
            return All;
        }

        var t = value.Long;
        return op switch
        {
            SqlBinaryOperator.Equal => new TimeRange(t, t),
            SqlBinaryOperator.Greater => new TimeRange(t == long.MaxValue ? t : t + 1, long.MaxValue),
            SqlBinaryOperator.GreaterOrEqual => new TimeRange(t, long.MaxValue),
            SqlBinaryOperator.Less => new TimeRange(long.MinValue, t == long.MinValue ? t : t - 1),
            SqlBinaryOperator.LessOrEqual => new TimeRange(long.MinValue, t),
            _ => All,
        };
    }

    private static SqlBinaryOperator Flip(SqlBinaryOperator op) => op switch
    {
        SqlBinaryOperator.Less => SqlBinaryOperator.Greater,
        SqlBinaryOperator.LessOrEqual => SqlBinaryOperator.GreaterOrEqual,
        SqlBinaryOperator.Greater => SqlBinaryOperator.Less,
        SqlBinaryOperator.GreaterOrEqual => SqlBinaryOperator.LessOrEqual,
        _ => op,
    };
}
