namespace Monolith.Engine.Sql.Ast;

/// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
public sealed record SqlBooleanLiteral(int Offset, bool Value) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Value ? "TRUE" : "FALSE";
}
