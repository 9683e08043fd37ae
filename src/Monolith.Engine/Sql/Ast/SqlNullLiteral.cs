namespace Monolith.Engine.Sql.Ast;

/// <summary><c>NULL</c>.</summary>
public sealed record SqlNullLiteral(int Offset) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => "NULL";
}
