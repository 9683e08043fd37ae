using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary><c>x [NOT] IN (constants)</c> with SQL's NULL rules: no match and a NULL in the list gives NULL.</summary>
internal sealed class InExpr(Expr operand, IReadOnlyList<QueryValue> values, bool negated) : Expr(ColumnType.Boolean)
{
    private readonly HashSet<QueryValue> _values = [.. values.Where(v => !v.IsNull)];
    private readonly bool _listHasNull = values.Any(v => v.IsNull);

    public override IReadOnlyList<Expr> Children => [operand];

    public override QueryValue Evaluate(IValueSource row)
    {
        var value = operand.Evaluate(row);
        if (value.IsNull)
        {
            return QueryValue.Null;
        }

        if (_values.Contains(value))
        {
            return QueryValue.FromBoolean(!negated);
        }

        return _listHasNull ? QueryValue.Null : QueryValue.FromBoolean(negated);
    }
}
