using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Plans and runs one SQL statement: over a rollup (aggregating or scanning its groups), over
/// INFORMATION_SCHEMA, or without FROM. Every rollup is read at one pinned version.
/// </summary>
internal sealed partial class SqlPlanner(RollupStore store, QueryEngineOptions options, string sql, long now)
{
    private static readonly StatementCache s_statements = new();

    public static QueryResult Execute(RollupStore store, QueryEngineOptions options, string sql,
        IReadOnlyList<SqlParameterValue> parameters)
    {
        SqlSelectStatement statement;
        try
        {
            statement = s_statements.Parse(sql);
        }
        catch (SqlParseException e)
        {
            throw new QueryException(QueryErrorCode.InvalidInput, e.Problem, sql, e.Offset, e);
        }

        statement = ParameterBinder.Bind(statement, parameters, sql);
        var now = store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new SqlPlanner(store, options, sql, now).Run(statement);
    }

    private QueryException Error(SqlNode node, string message, QueryErrorCode code = QueryErrorCode.InvalidInput) =>
        new(code, message, sql, node.Offset);

    private QueryResult Run(SqlSelectStatement statement)
    {
        if (statement.Joins.Count > 0)
        {
            throw Error(statement.Joins[0],
                "JOIN is not supported in queries; declare joins in the rollup definition", QueryErrorCode.Unsupported);
        }

        if (statement.From is not { } from)
        {
            return Rows(statement, "(no table)", [], [[]], new HashSet<string>());
        }

        if (from.Parts.Count > 2)
        {
            throw Error(from, $"Object '{string.Join('.', from.Parts)}' not found");
        }

        var qualifiers = new HashSet<string>(StringComparer.Ordinal) { from.Name, string.Join('.', from.Parts) };
        if (from.Alias is { } alias)
        {
            qualifiers.Add(alias);
        }

        if (string.Equals(from.Schema, InformationSchema.Schema, StringComparison.OrdinalIgnoreCase))
        {
            if (!InformationSchema.TryGet(from.Name, store, out var columns, out var rows))
            {
                throw Error(from, $"Object '{from.Schema}.{from.Name}' not found");
            }

            return Rows(statement, $"{InformationSchema.Schema}.{from.Name}", columns, rows, qualifiers);
        }

        if (from.Schema is not (null or "druid") || !store.TryGet(from.Name, out var rollup))
        {
            throw Error(from, $"Object '{string.Join('.', from.Parts)}' not found");
        }

        return Rollup(statement, rollup, qualifiers);
    }

    private QueryResult Rows(SqlSelectStatement statement, string table, IReadOnlyList<ResultColumn> columns,
        List<QueryValue[]> rows, IReadOnlySet<string> qualifiers)
    {
        if (statement.GroupBy.Count > 0 || statement.GroupsAllRows || statement.Having is not null)
        {
            throw Error(statement.GroupBy.Count > 0 ? statement.GroupBy[0] : (SqlNode?)statement.Having ?? statement,
                $"GROUP BY and HAVING are not supported over {table}", QueryErrorCode.Unsupported);
        }

        var compiler = new ExpressionCompiler(sql, new RowScope(table, columns, qualifiers), now);
        var items = Expand(statement, columns.Select(c => c.Name).ToList());
        var select = items.Select(i => compiler.Compile(i.Expression)).ToList();
        var where = statement.Where is null ? null : compiler.CompileCondition(statement.Where, "WHERE");
        var order = Ordering(statement, items, compiler, select);
        var source = new OutputRow();
        var output = new List<QueryValue[]>();
        foreach (var row in rows)
        {
            source.Values = row;
            if (where is not null && !Execution.GroupFilters.Passes(where.Evaluate(source), true))
            {
                continue;
            }

            output.Add(Evaluate(source, select, order.Hidden));
        }

        if (statement.Distinct)
        {
            output = Distinct(output, select.Count);
        }

        return Finish(statement, items, select, output, order.Keys);
    }

    private static List<QueryValue[]> Distinct(List<QueryValue[]> rows, int width)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return rows.Where(r => seen.Add(string.Join('\u0001', r.Take(width).Select(v =>
            $"{(int)v.Kind}:{v}")))).ToList();
    }

    private static QueryValue[] Evaluate(IValueSource source, List<Expr> select, List<Expr> hidden, int spare = 0)
    {
        var values = new QueryValue[select.Count + hidden.Count + spare];
        for (var i = 0; i < select.Count; i++)
        {
            values[i] = select[i].Evaluate(source);
        }

        for (var i = 0; i < hidden.Count; i++)
        {
            values[select.Count + i] = hidden[i].Evaluate(source);
        }

        return values;
    }

    /// <summary>Select items with <c>*</c> expanded and output names decided (alias, column name, or EXPR$n).</summary>
    private static List<(SqlExpression Expression, string Name)> Expand(SqlSelectStatement statement,
        IReadOnlyList<string> columns)
    {
        var items = new List<(SqlExpression, string)>();
        foreach (var item in statement.Items)
        {
            if (item.Expression is SqlStar star)
            {
                items.AddRange(columns.Select(c => ((SqlExpression)new SqlIdentifier(star.Offset,
                    star.Qualifier is null ? [c] : [star.Qualifier, c]), c)));
                continue;
            }

            var name = item.Alias ?? (item.Expression as SqlIdentifier)?.Name ?? $"EXPR${items.Count}";
            items.Add((item.Expression, name));
        }

        return items;
    }
}
