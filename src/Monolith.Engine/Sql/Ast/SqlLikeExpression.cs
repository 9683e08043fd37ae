namespace Monolith.Engine.Sql.Ast;

/// <summary><c>x [NOT] LIKE pattern [ESCAPE e]</c>.</summary>
public sealed record SqlLikeExpression(
    int Offset, SqlExpression Operand, SqlExpression Pattern, SqlExpression? Escape, bool Negated)
    : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"({Operand} {(Negated ? "NOT LIKE" : "LIKE")} {Pattern}{(Escape is null ? "" : $" ESCAPE {Escape}")})";
}
