using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>CAST(input AS type)</c>. Values that do not fit the target (out of range, unparsable text, too many
/// digits) become NULL and are counted as invalid input; decimals and doubles round half away from zero.
/// </summary>
/// <param name="Input">The value to convert.</param>
/// <param name="TargetType">The type to convert to.</param>
public sealed record CastExpr(Expr Input, IArrowType TargetType) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => TargetType;
}
