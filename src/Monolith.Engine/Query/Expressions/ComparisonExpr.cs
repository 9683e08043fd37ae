using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Expressions;

/// <summary><c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>; NULL on either side gives NULL.</summary>
internal sealed class ComparisonExpr(SqlBinaryOperator op, Expr left, Expr right) : Expr(ColumnType.Boolean)
{
    public SqlBinaryOperator Operator { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override QueryValue Evaluate(IValueSource row)
    {
        var a = Left.Evaluate(row);
        var b = Right.Evaluate(row);
        if (a.IsNull || b.IsNull)
        {
            return QueryValue.Null;
        }

        var c = QueryValues.Compare(a, b);
        return QueryValue.FromBoolean(Operator switch
        {
            SqlBinaryOperator.Equal => c == 0,
            SqlBinaryOperator.NotEqual => c != 0,
            SqlBinaryOperator.Less => c < 0,
            SqlBinaryOperator.LessOrEqual => c <= 0,
            SqlBinaryOperator.Greater => c > 0,
            _ => c >= 0,
        });
    }
}
