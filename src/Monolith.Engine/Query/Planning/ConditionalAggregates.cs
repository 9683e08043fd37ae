using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Reads an aggregate of a one-branch CASE as the filtered aggregate it means, as Druid's planner does, so that
/// the argument is again a rollup column: <c>AGG(CASE WHEN c THEN x END)</c> (or <c>ELSE NULL</c>) is
/// <c>AGG(x) FILTER (WHERE c)</c>, and <c>SUM(CASE WHEN c THEN x ELSE 0 END)</c>, which is 0 rather than NULL
/// when the group has rows but none passes <c>c</c>, is
/// <c>CASE WHEN COUNT(*) &gt; 0 THEN COALESCE(SUM(x) FILTER (WHERE c), 0) END</c>. A row where <c>c</c> is NULL
/// takes the ELSE branch, as it fails a FILTER. Plywood and Superset write conditional sums this way.
/// </summary>
internal static class ConditionalAggregates
{
    public static SqlSelectStatement Rewrite(SqlSelectStatement statement) =>
        SqlRewriter.Rewrite(statement, Replace);

    private static SqlExpression? Replace(SqlExpression node)
    {
        if (node is not SqlFunctionCall { Star: false, Distinct: false, Arguments: [SqlCaseExpression
                {
                    Operand: null, Whens: [var branch],
                } conditional] } call ||
            call.Name is not ("SUM" or "MIN" or "MAX" or "AVG" or "COUNT"))
        {
            return null;
        }

        var filter = call.Filter is null
            ? branch.When
            : new SqlBinaryExpression(branch.When.Offset, SqlBinaryOperator.And, call.Filter, branch.When);
        var filtered = call with { Arguments = [branch.Then], Filter = filter };
        switch (conditional.Else)
        {
            case null or SqlNullLiteral:
                return filtered;
            case SqlIntegerLiteral { Value: 0 } zero when call.Name == "SUM":
                var offset = call.Offset;
                var anyRow = new SqlBinaryExpression(offset, SqlBinaryOperator.Greater,
                    new SqlFunctionCall(offset, "COUNT", [], Distinct: false, Star: true, call.Filter),
                    new SqlIntegerLiteral(offset, 0));
                var sum = new SqlFunctionCall(offset, "COALESCE", [filtered, zero], Distinct: false, Star: false,
                    Filter: null);
                return new SqlCaseExpression(offset, null, [new SqlWhenClause(offset, anyRow, sum)], null);
            default:
                return null;
        }
    }
}
