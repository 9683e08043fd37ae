namespace Monolith.Engine.Sql.Ast;

/// <summary><c>CAST(x AS type)</c>.</summary>
public sealed record SqlCastExpression(int Offset, SqlExpression Operand, SqlDataType Type) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"CAST({Operand} AS {Type})";
}
