namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// <c>CASE [operand] WHEN .. THEN .. [ELSE ..] END</c>: simple when <see cref="Operand"/> is set (each WHEN
/// compares against it), searched otherwise (each WHEN is a condition).
/// </summary>
public sealed record SqlCaseExpression(
    int Offset, SqlExpression? Operand, IReadOnlyList<SqlWhenClause> Whens, SqlExpression? Else) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"CASE{(Operand is null ? "" : $" {Operand}")} {string.Join(' ', Whens)}{(Else is null ? "" : $" ELSE {Else}")} END";
}
