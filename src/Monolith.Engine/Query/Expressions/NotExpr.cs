using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>Three-valued NOT: NOT NULL is NULL.</summary>
internal sealed class NotExpr(Expr operand) : Expr(ColumnType.Boolean)
{
    public Expr Operand { get; } = operand;

    public override IReadOnlyList<Expr> Children => [Operand];

    public override QueryValue Evaluate(IValueSource row)
    {
        var value = Operand.Evaluate(row);
        return value.IsNull ? value : QueryValue.FromBoolean(!value.Boolean);
    }
}
