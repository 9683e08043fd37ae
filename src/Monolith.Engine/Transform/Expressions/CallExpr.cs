using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>A function or operator applied to arguments.</summary>
/// <param name="Function">What is applied.</param>
/// <param name="Arguments">The arguments in order (see <see cref="ScalarFunction"/> for each arity).</param>
/// <param name="ResultType">The result type the binder resolved; null to infer it. When it differs from the
/// natural type of the call, the result is cast to it.</param>
public sealed record CallExpr(ScalarFunction Function, IReadOnlyList<Expr> Arguments, IArrowType? ResultType = null)
    : Expr
{
    /// <inheritdoc/>
    public override IArrowType? Type => ResultType;
}
