using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Expressions;

/// <summary><c>+ - * / %</c> with SQL's numeric promotion (see <see cref="QueryValues"/>).</summary>
internal sealed class ArithmeticExpr(SqlBinaryOperator op, Expr left, Expr right, ColumnType type) : Expr(type)
{
    public override IReadOnlyList<Expr> Children => [left, right];

    public override QueryValue Evaluate(IValueSource row)
    {
        var a = left.Evaluate(row);
        var b = right.Evaluate(row);
        return op switch
        {
            SqlBinaryOperator.Add => QueryValues.Add(a, b),
            SqlBinaryOperator.Subtract => QueryValues.Subtract(a, b),
            SqlBinaryOperator.Multiply => QueryValues.Multiply(a, b),
            SqlBinaryOperator.Divide => QueryValues.Divide(a, b),
            _ => QueryValues.Modulo(a, b),
        };
    }

    /// <summary>The result type of an arithmetic operator over two operand types.</summary>
    public static ColumnType ResultType(SqlBinaryOperator op, ColumnType left, ColumnType right)
    {
        if (left.Kind == ValueKind.Double || right.Kind == ValueKind.Double)
        {
            return ColumnType.Double;
        }

        if (left.Kind == ValueKind.Decimal || right.Kind == ValueKind.Decimal)
        {
            if (op == SqlBinaryOperator.Divide)
            {
                return ColumnType.Double;
            }

            var scale = op == SqlBinaryOperator.Multiply ? left.Scale + right.Scale : Math.Max(left.Scale, right.Scale);
            return ColumnType.Decimal(38, Math.Min(scale, 38));
        }

        return ColumnType.Long;
    }
}
