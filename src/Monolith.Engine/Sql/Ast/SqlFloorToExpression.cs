namespace Monolith.Engine.Sql.Ast;

/// <summary><c>FLOOR(x TO unit)</c> or <c>CEIL(x TO unit)</c> on a timestamp.</summary>
public sealed record SqlFloorToExpression(int Offset, SqlExpression Operand, SqlTimeUnit Unit, bool Ceiling)
    : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Ceiling ? "CEIL" : "FLOOR")}({Operand} TO {SqlFormatting.Unit(Unit)})";
}
