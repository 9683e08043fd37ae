using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

internal sealed class IsNullExpr(Expr operand, bool negated) : Expr(ColumnType.Boolean)
{
    public override IReadOnlyList<Expr> Children => [operand];

    public override QueryValue Evaluate(IValueSource row) =>
        QueryValue.FromBoolean(operand.Evaluate(row).IsNull != negated);
}
