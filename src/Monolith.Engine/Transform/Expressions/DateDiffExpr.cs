using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>TIMESTAMPDIFF(unit, start, end)</c>: whole units from start to end as Int64, truncated toward zero;
/// months, quarters and years count only completed calendar months.
/// </summary>
/// <param name="Unit">The unit counted.</param>
/// <param name="Start">A Timestamp or Date32 value.</param>
/// <param name="End">A Timestamp or Date32 value.</param>
public sealed record DateDiffExpr(IntervalPart Unit, Expr Start, Expr End) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => Int64Type.Default;
}
