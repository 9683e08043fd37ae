namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// A call such as <c>TIME_FLOOR(__time, 'PT1H')</c>, <c>COUNT(*)</c>, <c>COUNT(DISTINCT user_id)</c> or
/// <c>SUM(x) FILTER (WHERE status = 'paid')</c>. The name is upper-cased; dotted names keep their dots.
/// </summary>
/// <param name="Offset">Offset of the function name.</param>
/// <param name="Name">Function name in upper case.</param>
/// <param name="Arguments">Arguments; empty for <c>COUNT(*)</c>.</param>
/// <param name="Distinct">True when the arguments were preceded by DISTINCT.</param>
/// <param name="Star">True for <c>f(*)</c>.</param>
/// <param name="Filter">The condition of a <c>FILTER (WHERE ..)</c> clause, when present.</param>
public sealed record SqlFunctionCall(
    int Offset, string Name, IReadOnlyList<SqlExpression> Arguments, bool Distinct, bool Star, SqlExpression? Filter)
    : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var args = Star ? "*" : (Distinct ? "DISTINCT " : "") + string.Join(", ", Arguments);
        return Filter is null ? $"{Name}({args})" : $"{Name}({args}) FILTER (WHERE {Filter})";
    }
}
