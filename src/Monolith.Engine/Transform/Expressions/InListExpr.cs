using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>input [NOT] IN (v1, v2, ...)</c> over constants. NULL when the input is NULL, or when no value matches
/// and the list holds a NULL, as SQL's three-valued logic requires. Long lists are hashed.
/// </summary>
/// <param name="Input">The tested value.</param>
/// <param name="Values">The constants.</param>
/// <param name="Negated">True for NOT IN.</param>
public sealed record InListExpr(Expr Input, IReadOnlyList<LiteralExpr> Values, bool Negated = false) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => BooleanType.Default;
}
