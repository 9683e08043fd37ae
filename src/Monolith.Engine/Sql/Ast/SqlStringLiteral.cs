namespace Monolith.Engine.Sql.Ast;

/// <summary>A character string literal, already unescaped.</summary>
public sealed record SqlStringLiteral(int Offset, string Value) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => SqlFormatting.QuoteString(Value);
}
