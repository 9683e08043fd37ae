using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Names after aggregation: the grouping keys (matched by their SQL text, or by column for bare columns) and the
/// aggregates, which are bound to aggregators as they are met. Any other column reference is an error: it is
/// neither grouped nor aggregated.
/// </summary>
internal sealed class OutputScope(
    GroupScope groups,
    IReadOnlyList<OutputScope.Key> keys,
    Func<SqlFunctionCall, ExpressionCompiler, AggregatorSpec> bindAggregate) : IExpressionScope
{
    private readonly Dictionary<string, int> _aggregateIndex = new(StringComparer.Ordinal);

    /// <summary>A grouping key: its SQL text, its compiled form, and the column it is when it is a bare
    /// column.</summary>
    public sealed record Key(string Text, Expr Expr, int? ColumnSlot);

    public List<AggregatorSpec> Aggregates { get; } = [];

    public Expr? Resolve(SqlExpression node, ExpressionCompiler compiler)
    {
        var text = node.ToString();
        for (var k = 0; k < keys.Count; k++)
        {
            if (keys[k].Text == text)
            {
                return new ColumnExpr(k, keys[k].Expr.Type, text);
            }
        }

        if (node is SqlFunctionCall call && Rollups.RollupDefinition.IsAggregateFunction(call.Name))
        {
            if (!_aggregateIndex.TryGetValue(text, out var index))
            {
                index = Aggregates.Count;
                Aggregates.Add(bindAggregate(call, compiler));
                _aggregateIndex[text] = index;
            }

            return new ColumnExpr(keys.Count + index, Aggregates[index].Type, text);
        }

        if (node is SqlIdentifier identifier)
        {
            var slot = groups.Slot(identifier, compiler);
            for (var k = 0; k < keys.Count; k++)
            {
                if (keys[k].ColumnSlot == slot)
                {
                    return new ColumnExpr(k, keys[k].Expr.Type, text);
                }
            }

            throw compiler.Error(identifier,
                $"Expression '{identifier.Name}' is not being grouped; add it to GROUP BY or aggregate it");
        }

        return null;
    }
}
