using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Names over the groups of a rollup: <c>__time</c>, dimensions and, where allowed, metrics, optionally
/// qualified with the table's name or alias.
/// </summary>
internal sealed class GroupScope(RollupLayout layout, IReadOnlySet<string> qualifiers, string? metricsForbiddenIn)
    : IExpressionScope
{
    public Expr? Resolve(SqlExpression node, ExpressionCompiler compiler)
    {
        if (node is not SqlIdentifier identifier)
        {
            return null;
        }

        var slot = Slot(identifier, compiler);
        var column = layout.Column(slot);
        if (metricsForbiddenIn is not null && layout.IsMetric(slot))
        {
            throw compiler.Error(identifier,
                $"{metricsForbiddenIn} cannot read metric '{column.Name}' of a rollup; aggregate it (and filter the " +
                "aggregate in HAVING)");
        }

        return new ColumnExpr(slot, column.Type.Kind == ValueKind.Unknown ? ColumnType.String : column.Type,
            column.Name);
    }

    public int Slot(SqlIdentifier identifier, ExpressionCompiler compiler)
    {
        if (identifier.Qualifier is { } qualifier && !qualifiers.Contains(qualifier))
        {
            throw compiler.Error(identifier, $"Table '{qualifier}' not found");
        }

        var slot = layout.Find(identifier.Name);
        if (slot < 0)
        {
            throw compiler.Error(identifier,
                $"Column '{identifier.Name}' not found in table '{layout.Version.Definition.Name}'");
        }

        return slot;
    }
}
