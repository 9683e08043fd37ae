using Monolith.Engine.Query.Planning;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Enrichment.Joins;

/// <summary>
/// The joins of one rollup, read from its SQL and checked for the shape enrichment can keep exact: each ON is one
/// equality between a column of the joined table (its primary key) and a column of the fact table or of a table
/// joined before it. What the schema must confirm (that the column is the primary key, that both sides are
/// integers) is checked when the rollup is bound.
/// </summary>
internal sealed class JoinSpec
{
    private JoinSpec(RollupDefinition rollup, IReadOnlyList<string> factQualifiers, IReadOnlyList<JoinedTable> joins)
    {
        Rollup = rollup;
        FactQualifiers = factQualifiers;
        Joins = joins;
    }

    public RollupDefinition Rollup { get; }

    /// <summary>Names a fact-table column may be qualified with: the table name and its alias.</summary>
    public IReadOnlyList<string> FactQualifiers { get; }

    /// <summary>The joins, in the order written.</summary>
    public IReadOnlyList<JoinedTable> Joins { get; }

    /// <summary>Reads the joins of a rollup; null when it has none.</summary>
    /// <exception cref="RollupDefinitionException">A join has a shape enrichment does not support; the message
    /// gives its position in the SQL.</exception>
    public static JoinSpec? Parse(RollupDefinition rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        if (rollup.Joins.Count == 0)
        {
            return null;
        }

        var factAlias = rollup.Source.Alias ?? rollup.SourceTable;
        var factQualifiers = rollup.Source.Alias is { } alias ? new[] { rollup.SourceTable, alias } : [factAlias];
        var joins = new List<JoinedTable>();
        foreach (var join in rollup.Joins)
        {
            var joinAlias = join.Table.Alias ?? join.Table.Name;
            if (join.Condition is not SqlBinaryExpression
                {
                    Operator: SqlBinaryOperator.Equal, Left: SqlIdentifier left, Right: SqlIdentifier right,
                })
            {
                throw Error(rollup, join.Condition.Offset,
                    $"the join with {joinAlias} must be one equality between its primary key and a column of the " +
                    $"fact table or of a table joined before it, such as {factAlias}.x_id = {joinAlias}.id; " +
                    "filter on other columns in WHERE");
            }

            var leftIsJoined = Qualifier(left) == joinAlias;
            var rightIsJoined = Qualifier(right) == joinAlias;
            if (leftIsJoined == rightIsJoined)
            {
                throw Error(rollup, join.Condition.Offset, leftIsJoined
                    ? $"the join condition compares two columns of {joinAlias}; it must compare a column of " +
                      $"{joinAlias} with one of the fact table or of a table joined before it"
                    : $"the join condition does not name a column of {joinAlias}");
            }

            var key = leftIsJoined ? left : right;
            var source = leftIsJoined ? right : left;
            var sourceJoin = -1;
            if (!factQualifiers.Contains(Qualifier(source)))
            {
                sourceJoin = joins.FindIndex(j => j.Alias == Qualifier(source));
                if (sourceJoin < 0)
                {
                    throw Error(rollup, source.Offset,
                        $"'{Qualifier(source)}' is neither the fact table nor a table joined before {joinAlias}");
                }
            }

            joins.Add(new JoinedTable(join, join.Table.Schema ?? rollup.SourceDatabase ?? "", join.Table.Name,
                joinAlias, key, source, sourceJoin, ColumnsNamed(rollup, joinAlias)));
        }

        return new JoinSpec(rollup, factQualifiers, joins);
    }

    /// <summary>The index of the join whose alias is <paramref name="qualifier"/>, or -1.</summary>
    public int JoinOf(string qualifier)
    {
        for (var i = 0; i < Joins.Count; i++)
        {
            if (Joins[i].Alias == qualifier)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The table part of a qualified column reference.</summary>
    public static string? Qualifier(SqlIdentifier identifier) =>
        identifier.Parts.Count > 1 ? identifier.Parts[^2] : null;

    private static Dictionary<string, SqlIdentifier> ColumnsNamed(RollupDefinition rollup, string alias)
    {
        var statement = rollup.Statement;
        var roots = statement.Items.Select(i => i.Expression)
            .Concat(statement.Joins.Select(j => j.Condition))
            .Concat(statement.Where is null ? [] : [statement.Where]);
        var columns = new Dictionary<string, SqlIdentifier>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in roots.SelectMany(SqlRewriter.Descendants))
        {
            if (node is SqlIdentifier identifier && Qualifier(identifier) == alias)
            {
                columns.TryAdd(identifier.Name, identifier);
            }
        }

        return columns;
    }

    private static RollupDefinitionException Error(RollupDefinition rollup, int offset, string problem) =>
        new(rollup.Name, rollup.Sql, offset, problem);
}
