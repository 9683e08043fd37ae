using Monolith.Engine.Changes;
using Monolith.Engine.Query.Planning;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Transform.Binding;

namespace Monolith.Engine.Enrichment.Joins;

/// <summary>
/// The joins of one rollup resolved against the schemas: each joined alias to its node, the rollup's column
/// references rewritten to the joined columns of the fact table's change batches, and the filter an INNER JOIN
/// adds. A rollup with joins is bound through this.
/// </summary>
/// <remarks>
/// Name resolution: <c>alias.column</c> names a joined table's column; <c>fact_alias.column</c> and an
/// unqualified name name a fact-table column. An unqualified name that only a joined table has is refused with a
/// request to qualify it, so that a column added to the fact table later can never change a rollup's meaning.
/// </remarks>
internal sealed class RollupJoins
{
    private readonly JoinSpec _spec;
    private readonly IReadOnlyList<JoinNode> _nodes;
    private readonly HashSet<string> _factColumns;

    private RollupJoins(JoinSpec spec, IReadOnlyList<JoinNode> nodes, HashSet<string> factColumns)
    {
        _spec = spec;
        _nodes = nodes;
        _factColumns = factColumns;
        foreach (var node in nodes)
        {
            NodeMask |= 1UL << node.Index;
        }
    }

    /// <summary>The fact table's nodes this rollup joins, as bits.</summary>
    public ulong NodeMask { get; }

    /// <summary>Names a fact-table column may be qualified with.</summary>
    public IReadOnlyList<string> FactQualifiers => _spec.FactQualifiers;

    /// <summary>
    /// Checks the joins of a rollup against the schemas now known and prepares its name resolution.
    /// </summary>
    /// <param name="spec">The rollup's joins.</param>
    /// <param name="nodes">The node of each join, in join order.</param>
    /// <param name="factColumns">The fact table's columns.</param>
    /// <param name="factPrimaryKey">The fact table's primary key columns.</param>
    /// <exception cref="RollupDefinitionException">A joined table is unknown or has no single-column integer
    /// primary key, an ON does not match it, a join key is not an integer, or a named column does not exist; with
    /// the position in the rollup's SQL.</exception>
    public static RollupJoins Resolve(JoinSpec spec, IReadOnlyList<JoinNode> nodes,
        IReadOnlyList<ChangeColumn> factColumns, IReadOnlyList<string> factPrimaryKey)
    {
        var rollup = spec.Rollup;
        var fact = factColumns.ToDictionary(c => c.Name, c => c, StringComparer.OrdinalIgnoreCase);
        if (factPrimaryKey.Count != 1 || !fact.TryGetValue(factPrimaryKey[0], out var factKey) ||
            !JoinNode.IsKeyType(factKey.Type))
        {
            throw new RollupDefinitionException(rollup.Name, rollup.Sql, rollup.Source.Offset,
                $"a rollup with JOIN needs its fact table {rollup.SourceTable} to have a single-column integer " +
                "primary key (it has " +
                $"{(factPrimaryKey.Count == 0 ? "none known" : string.Join(", ", factPrimaryKey))}), " +
                "so that an update or delete of a fact retracts exactly the joined values it was counted with");
        }

        for (var j = 0; j < spec.Joins.Count; j++)
        {
            var join = spec.Joins[j];
            var node = nodes[j];
            var layout = node.Layout ?? throw new RollupDefinitionException(rollup.Name, rollup.Sql,
                join.Join.Table.Offset, node.Dimension.LayoutError ??
                    $"the joined table {join.QualifiedName} is not known to the source (it does not exist, or the " +
                    "server could not be asked)");
            if (!string.Equals(join.Key.Name, layout.Key.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new RollupDefinitionException(rollup.Name, rollup.Sql, join.Key.Offset,
                    $"{join.Alias}.{join.Key.Name} is not the primary key of {join.QualifiedName}: a join must match " +
                    $"the joined table's primary key, {join.Alias}.{layout.Key.Name}");
            }

            foreach (var (name, identifier) in join.Columns)
            {
                var index = layout.IndexOf(name);
                if (index < 0)
                {
                    throw new RollupDefinitionException(rollup.Name, rollup.Sql, identifier.Offset,
                        $"column '{name}' does not exist in {join.QualifiedName}; it has " +
                        string.Join(", ", layout.AllColumns.Select(c => c.Name).Take(40)));
                }

                if (!Dimensions.DimensionLayout.CanKeep(layout.Columns[index], out var problem))
                {
                    throw new RollupDefinitionException(rollup.Name, rollup.Sql, identifier.Offset, problem!);
                }
            }

            var sourceType = join.SourceJoin < 0
                ? fact.GetValueOrDefault(join.Source.Name)?.Type
                : nodes[join.SourceJoin].Layout!.Columns[nodes[join.SourceJoin].Layout!.IndexOf(join.Source.Name)].Type;
            if (sourceType is null)
            {
                throw new RollupDefinitionException(rollup.Name, rollup.Sql, join.Source.Offset,
                    $"column '{join.Source.Name}' does not exist in {rollup.SourceTable}");
            }

            if (!JoinNode.IsKeyType(sourceType))
            {
                throw new RollupDefinitionException(rollup.Name, rollup.Sql, join.Source.Offset,
                    $"{join.Source} is of type {sourceType.Name}, but join keys are integers (the primary key " +
                    $"{join.Alias}.{layout.Key.Name} is one)");
            }
        }

        return new RollupJoins(spec, nodes, [.. factColumns.Select(c => c.Name)]);
    }

    /// <summary>
    /// Rewrites an expression of the rollup so that joined columns name the fact table's joined change-batch
    /// columns.
    /// </summary>
    /// <exception cref="SqlBindingException">An unqualified name is a column of a joined table only.</exception>
    public SqlExpression Rewrite(SqlExpression expression) =>
        SqlRewriter.Expression(expression, node => node is SqlIdentifier identifier ? Map(identifier) : null);

    /// <summary>The condition an INNER JOIN adds to the rollup's WHERE: the joined row was found. Null when every
    /// join is a LEFT JOIN.</summary>
    public SqlExpression? InnerCondition()
    {
        SqlExpression? condition = null;
        for (var j = 0; j < _spec.Joins.Count; j++)
        {
            var join = _spec.Joins[j];
            if (!join.IsInner)
            {
                continue;
            }

            var key = new SqlIdentifier(join.Join.Offset, [_nodes[j].ColumnName(_nodes[j].Layout!.Key.Name)]);
            SqlExpression found = new SqlIsNullExpression(join.Join.Offset, key, Negated: true);
            condition = condition is null
                ? found
                : new SqlBinaryExpression(join.Join.Offset, SqlBinaryOperator.And, condition, found);
        }

        return condition;
    }

    private SqlIdentifier? Map(SqlIdentifier identifier)
    {
        if (JoinSpec.Qualifier(identifier) is { } qualifier)
        {
            var j = _spec.JoinOf(qualifier);
            return j < 0 ? null : new SqlIdentifier(identifier.Offset, [_nodes[j].ColumnName(identifier.Name)]);
        }

        if (_factColumns.Contains(identifier.Name))
        {
            return null;
        }

        for (var j = 0; j < _spec.Joins.Count; j++)
        {
            if (_nodes[j].Layout?.HasColumn(identifier.Name) == true)
            {
                throw new SqlBindingException(identifier.Offset,
                    $"'{identifier.Name}' is a column of the joined table {_spec.Joins[j].QualifiedName}; " +
                    "qualify it: " +
                    $"{_spec.Joins[j].Alias}.{identifier.Name}");
            }
        }

        return null;
    }
}
