using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

internal sealed class LiteralExpr(QueryValue value, ColumnType type) : Expr(type)
{
    public QueryValue Value { get; } = value;

    public override QueryValue Evaluate(IValueSource row) => Value;

    public override bool IsConstant => true;
}
