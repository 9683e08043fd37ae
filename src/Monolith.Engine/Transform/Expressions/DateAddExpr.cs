using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>input + INTERVAL amount unit</c> (<c>DATE_ADD</c>, <c>TIMESTAMPADD</c>; subtraction is a negated
/// amount). A Date32 input stays a date for day, week, month, quarter and year units and becomes a
/// wall-clock Timestamp for smaller units, as in MySQL. Results outside year 0 to 9999 are NULL.
/// </summary>
/// <param name="Input">A Timestamp or Date32 value.</param>
/// <param name="Amount">An Int64 number of units (may be negative).</param>
/// <param name="Unit">The interval unit.</param>
public sealed record DateAddExpr(Expr Input, Expr Amount, IntervalPart Unit) : Expr
{
    /// <inheritdoc/>
    public override IArrowType? Type => null;
}
