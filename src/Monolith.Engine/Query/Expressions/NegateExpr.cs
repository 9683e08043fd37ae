namespace Monolith.Engine.Query.Expressions;

internal sealed class NegateExpr(Expr operand) : Expr(operand.Type)
{
    public override IReadOnlyList<Expr> Children => [operand];

    public override QueryValue Evaluate(IValueSource row) => QueryValues.Negate(operand.Evaluate(row));
}
