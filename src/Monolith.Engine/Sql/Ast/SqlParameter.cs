namespace Monolith.Engine.Sql.Ast;

/// <summary>A <c>?</c> placeholder, numbered from 0 in the order the placeholders appear.</summary>
public sealed record SqlParameter(int Offset, int Index) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => "?";
}
