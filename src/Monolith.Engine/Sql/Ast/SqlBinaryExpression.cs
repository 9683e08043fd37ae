namespace Monolith.Engine.Sql.Ast;

/// <summary>An infix operator applied to two operands.</summary>
public sealed record SqlBinaryExpression(int Offset, SqlBinaryOperator Operator, SqlExpression Left,
    SqlExpression Right)
    : SqlExpression(Offset)
{
    /// <summary>True for <c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c>.</summary>
    public bool IsComparison => Operator is >= SqlBinaryOperator.Equal and <= SqlBinaryOperator.GreaterOrEqual;

    /// <inheritdoc />
    public override string ToString() => $"({Left} {SqlFormatting.Operator(Operator)} {Right})";
}
