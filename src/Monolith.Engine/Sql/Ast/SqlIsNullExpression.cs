namespace Monolith.Engine.Sql.Ast;

/// <summary><c>x IS NULL</c> or <c>x IS NOT NULL</c>.</summary>
public sealed record SqlIsNullExpression(int Offset, SqlExpression Operand, bool Negated) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Negated ? $"({Operand} IS NOT NULL)" : $"({Operand} IS NULL)";
}
