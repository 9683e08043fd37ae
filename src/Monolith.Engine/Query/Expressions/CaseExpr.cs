using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>Searched CASE (a simple CASE is compiled into comparisons): the first TRUE condition wins.</summary>
internal sealed class CaseExpr(IReadOnlyList<(Expr When, Expr Then)> whens, Expr? otherwise, ColumnType type)
    : Expr(type)
{
    public override IReadOnlyList<Expr> Children =>
        [.. whens.SelectMany(w => new[] { w.When, w.Then }), .. otherwise is null ? Array.Empty<Expr>() : [otherwise]];

    public override QueryValue Evaluate(IValueSource row)
    {
        foreach (var (when, then) in whens)
        {
            var condition = when.Evaluate(row);
            if (!condition.IsNull && condition.Boolean)
            {
                return then.Evaluate(row);
            }
        }

        return otherwise?.Evaluate(row) ?? QueryValue.Null;
    }
}
