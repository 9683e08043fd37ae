namespace Monolith.Engine.Sql.Ast;

/// <summary><c>EXTRACT(unit FROM x)</c>.</summary>
public sealed record SqlExtractExpression(int Offset, SqlTimeUnit Unit, SqlExpression Operand) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"EXTRACT({SqlFormatting.Unit(Unit)} FROM {Operand})";
}
