using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN v1 ... [ELSE e] END</c> (a simple <c>CASE x WHEN a</c> is bound as <c>x = a</c>
/// conditions). A condition that is NULL is not true; without ELSE the result is NULL.
/// </summary>
/// <param name="Branches">Condition and value pairs, tried in order.</param>
/// <param name="Else">The value when no condition is true, or null.</param>
/// <param name="ResultType">The common type of the values; branch values are cast to it.</param>
public sealed record CaseExpr(IReadOnlyList<CaseBranch> Branches, Expr? Else, IArrowType ResultType) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => ResultType;
}
