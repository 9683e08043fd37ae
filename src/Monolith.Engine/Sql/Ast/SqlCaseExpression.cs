namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// <c>CASE [operand] WHEN .. THEN .. [ELSE ..] END</c>: simple when <see cref="Operand"/> is set (each WHEN
/// compares against it), searched otherwise (each WHEN is a condition).
/// </summary>
public sealed record SqlCaseExpression(
    int Offset, SqlExpression? Operand, IReadOnlyList<SqlWhenClause> Whens, SqlExpression? Else) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var operand = Operand is null ? "" : $" {Operand}";
        var otherwise = Else is null ? "" : $" ELSE {Else}";
        return $"CASE{operand} {string.Join(' ', Whens)}{otherwise} END";
    }
}
