using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>Names over the rows of a plain table (INFORMATION_SCHEMA, or the single row of a query without
/// FROM).</summary>
internal sealed class RowScope(string table, IReadOnlyList<ResultColumn> columns, IReadOnlySet<string> qualifiers)
    : IExpressionScope
{
    public Expr? Resolve(SqlExpression node, ExpressionCompiler compiler)
    {
        if (node is SqlFunctionCall call && Rollups.RollupDefinition.IsAggregateFunction(call.Name))
        {
            throw compiler.Error(call, $"aggregates are not supported over {table}", QueryErrorCode.Unsupported);
        }

        if (node is not SqlIdentifier identifier)
        {
            return null;
        }

        if (identifier.Qualifier is { } qualifier && !qualifiers.Contains(qualifier))
        {
            throw compiler.Error(identifier, $"Table '{qualifier}' not found");
        }

        for (var slot = 0; slot < columns.Count; slot++)
        {
            if (columns[slot].Name == identifier.Name)
            {
                return new ColumnExpr(slot, columns[slot].Type, identifier.Name);
            }
        }

        throw compiler.Error(identifier, $"Column '{identifier.Name}' not found in table '{table}'");
    }
}
