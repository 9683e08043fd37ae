namespace Monolith.Engine.Transform.Expressions;

/// <summary>One <c>WHEN condition THEN value</c> of a <see cref="CaseExpr"/>.</summary>
/// <param name="When">A Boolean condition.</param>
/// <param name="Then">The value when the condition is true.</param>
public sealed record CaseBranch(Expr When, Expr Then);
