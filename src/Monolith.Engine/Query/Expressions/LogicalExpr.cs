using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>Three-valued AND / OR over two or more operands.</summary>
internal sealed class LogicalExpr(bool isAnd, IReadOnlyList<Expr> operands) : Expr(ColumnType.Boolean)
{
    public bool IsAnd { get; } = isAnd;

    public override IReadOnlyList<Expr> Children => operands;

    public override QueryValue Evaluate(IValueSource row)
    {
        var sawNull = false;
        foreach (var operand in operands)
        {
            var value = operand.Evaluate(row);
            if (value.IsNull)
            {
                sawNull = true;
            }
            else if (value.Boolean != IsAnd)
            {
                return value;
            }
        }

        return sawNull ? QueryValue.Null : QueryValue.FromBoolean(IsAnd);
    }
}
