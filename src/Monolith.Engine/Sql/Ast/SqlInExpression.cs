namespace Monolith.Engine.Sql.Ast;

/// <summary><c>x [NOT] IN (v1, v2, ...)</c> over a list of expressions.</summary>
public sealed record SqlInExpression(int Offset, SqlExpression Operand, IReadOnlyList<SqlExpression> Values,
    bool Negated)
    : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"({Operand} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", Values)}))";
}
