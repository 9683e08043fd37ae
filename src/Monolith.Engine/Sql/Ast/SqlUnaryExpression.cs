namespace Monolith.Engine.Sql.Ast;

/// <summary>A prefix operator applied to one operand.</summary>
public sealed record SqlUnaryExpression(int Offset, SqlUnaryOperator Operator, SqlExpression Operand)
    : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Operator switch
    {
        SqlUnaryOperator.Negate => $"(- {Operand})",
        SqlUnaryOperator.Plus => $"(+ {Operand})",
        _ => $"(NOT {Operand})",
    };
}
