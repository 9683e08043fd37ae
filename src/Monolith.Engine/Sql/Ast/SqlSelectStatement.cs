using System.Text;

namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// A SELECT statement: the only statement the dialect has. GROUP BY items may be expressions or 1-based
/// ordinals (integer literals); LIMIT and OFFSET are expressions so that they can be <c>?</c> parameters.
/// </summary>
public sealed record SqlSelectStatement(
    int Offset,
    bool Distinct,
    IReadOnlyList<SqlSelectItem> Items,
    SqlTableReference? From,
    IReadOnlyList<SqlJoin> Joins,
    SqlExpression? Where,
    IReadOnlyList<SqlExpression> GroupBy,
    SqlExpression? Having,
    IReadOnlyList<SqlOrderItem> OrderBy,
    SqlExpression? Limit,
    SqlExpression? OffsetRows,
    int ParameterCount) : SqlNode(Offset)
{
    /// <summary>
    /// True for <c>GROUP BY ()</c> alone: the empty grouping set, one group of all rows, which aggregates even
    /// when the select list names no aggregate and answers one row even when no row passes.
    /// </summary>
    public bool GroupsAllRows { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var sql = new StringBuilder("SELECT ");
        if (Distinct)
        {
            sql.Append("DISTINCT ");
        }

        sql.AppendJoin(", ", Items);
        if (From is not null)
        {
            sql.Append(" FROM ").Append(From);
        }

        foreach (var join in Joins)
        {
            sql.Append(' ').Append(join);
        }

        if (Where is not null)
        {
            sql.Append(" WHERE ").Append(Where);
        }

        if (GroupBy.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", GroupBy);
        }
        else if (GroupsAllRows)
        {
            sql.Append(" GROUP BY ()");
        }

        if (Having is not null)
        {
            sql.Append(" HAVING ").Append(Having);
        }

        if (OrderBy.Count > 0)
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", OrderBy);
        }

        if (Limit is not null)
        {
            sql.Append(" LIMIT ").Append(Limit);
        }

        if (OffsetRows is not null)
        {
            sql.Append(" OFFSET ").Append(OffsetRows);
        }

        return sql.ToString();
    }
}
