using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>A scalar function call; arguments are evaluated into a buffer the node reuses.</summary>
internal sealed class FunctionExpr(string name, IReadOnlyList<Expr> arguments, ColumnType type,
    Func<QueryValue[], QueryValue> body, bool deterministic = true) : Expr(type)
{
    private readonly QueryValue[] _values = new QueryValue[arguments.Count];

    public string Name { get; } = name;

    public override IReadOnlyList<Expr> Children => arguments;

    public override bool IsConstant => deterministic && base.IsConstant;

    public override QueryValue Evaluate(IValueSource row)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            _values[i] = arguments[i].Evaluate(row);
        }

        return body(_values);
    }
}
