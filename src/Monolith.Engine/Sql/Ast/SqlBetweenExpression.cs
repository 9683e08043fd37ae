namespace Monolith.Engine.Sql.Ast;

/// <summary><c>x [NOT] BETWEEN low AND high</c>, inclusive at both ends.</summary>
public sealed record SqlBetweenExpression(
    int Offset, SqlExpression Operand, SqlExpression Low, SqlExpression High, bool Negated) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"({Operand} {(Negated ? "NOT BETWEEN" : "BETWEEN")} {Low} AND {High})";
}
