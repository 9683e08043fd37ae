namespace Monolith.Engine.Sql.Ast;

/// <summary><c>*</c> or <c>t.*</c> in a select list.</summary>
public sealed record SqlStar(int Offset, string? Qualifier) : SqlExpression(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Qualifier is null ? "*" : $"{SqlFormatting.QuoteIdentifier(Qualifier)}.*";
}
