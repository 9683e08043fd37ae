using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// <c>input [NOT] LIKE pattern [ESCAPE escape]</c> with a constant pattern: <c>%</c> matches any run of
/// characters, <c>_</c> exactly one character (a UTF-8 code point), the escape character makes the next one
/// literal. Matching is byte-wise and case-sensitive, as under utf8mb4_bin.
/// </summary>
/// <param name="Input">The text tested.</param>
/// <param name="Pattern">The pattern.</param>
/// <param name="Escape">The escape character; MySQL's default is a backslash. Null disables escaping.</param>
/// <param name="Negated">True for NOT LIKE.</param>
public sealed record LikeExpr(Expr Input, string Pattern, char? Escape = '\\', bool Negated = false) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => BooleanType.Default;
}
