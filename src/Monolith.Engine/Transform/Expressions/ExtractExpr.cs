using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary><c>EXTRACT(field FROM input)</c> from a Timestamp, Date32 or Duration (TIME) value, as Int64.
/// Timestamps are read in UTC (TIMESTAMP) or as the wall clock written (DATETIME).</summary>
/// <param name="Field">The part extracted.</param>
/// <param name="Input">The temporal value.</param>
public sealed record ExtractExpr(DateField Field, Expr Input) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => Int64Type.Default;
}
