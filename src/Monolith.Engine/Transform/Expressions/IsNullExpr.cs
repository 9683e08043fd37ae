using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary><c>input IS [NOT] NULL</c>; never NULL itself.</summary>
/// <param name="Input">The tested value.</param>
/// <param name="Negated">True for IS NOT NULL.</param>
public sealed record IsNullExpr(Expr Input, bool Negated = false) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => BooleanType.Default;
}
