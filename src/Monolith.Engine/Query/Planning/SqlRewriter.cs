using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>Rebuilds a statement with some expressions replaced, leaving the original untouched.</summary>
internal static class SqlRewriter
{
    public static SqlSelectStatement Rewrite(SqlSelectStatement statement, Func<SqlExpression, SqlExpression?> replace)
    {
        SqlExpression? E(SqlExpression? e) => e is null ? null : Expression(e, replace);
        return statement with
        {
            Items = statement.Items.Select(i => i with { Expression = E(i.Expression)! }).ToList(),
            Joins = statement.Joins.Select(j => j with { Condition = E(j.Condition)! }).ToList(),
            Where = E(statement.Where),
            GroupBy = statement.GroupBy.Select(g => E(g)!).ToList(),
            Having = E(statement.Having),
            OrderBy = statement.OrderBy.Select(o => o with { Expression = E(o.Expression)! }).ToList(),
            Limit = E(statement.Limit),
            OffsetRows = E(statement.OffsetRows),
        };
    }

    public static SqlExpression Expression(SqlExpression node, Func<SqlExpression, SqlExpression?> replace)
    {
        if (replace(node) is { } replaced)
        {
            return replaced;
        }

        SqlExpression E(SqlExpression e) => Expression(e, replace);
        return node switch
        {
            SqlUnaryExpression u => u with { Operand = E(u.Operand) },
            SqlBinaryExpression b => b with { Left = E(b.Left), Right = E(b.Right) },
            SqlIsNullExpression n => n with { Operand = E(n.Operand) },
            SqlInExpression i => i with { Operand = E(i.Operand), Values = i.Values.Select(E).ToList() },
            SqlBetweenExpression b => b with { Operand = E(b.Operand), Low = E(b.Low), High = E(b.High) },
            SqlLikeExpression l => l with
            {
                Operand = E(l.Operand), Pattern = E(l.Pattern), Escape = l.Escape is null ? null : E(l.Escape),
            },
            SqlCaseExpression c => c with
            {
                Operand = c.Operand is null ? null : E(c.Operand),
                Whens = c.Whens.Select(w => w with { When = E(w.When), Then = E(w.Then) }).ToList(),
                Else = c.Else is null ? null : E(c.Else),
            },
            SqlCastExpression c => c with { Operand = E(c.Operand) },
            SqlExtractExpression x => x with { Operand = E(x.Operand) },
            SqlFloorToExpression f => f with { Operand = E(f.Operand) },
            SqlFunctionCall f => f with
            {
                Arguments = f.Arguments.Select(E).ToList(), Filter = f.Filter is null ? null : E(f.Filter),
            },
            _ => node,
        };
    }

    /// <summary>Every node of an expression, depth first.</summary>
    public static IEnumerable<SqlExpression> Descendants(SqlExpression node)
    {
        var found = new List<SqlExpression>();
        Expression(node, n =>
        {
            found.Add(n);
            return null;
        });
        return found;
    }
}
