namespace Monolith.Engine.Sql.Ast;

/// <summary>One item of a select list with its alias, if any.</summary>
public sealed record SqlSelectItem(int Offset, SqlExpression Expression, string? Alias) : SqlNode(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        Alias is null ? Expression.ToString() : $"{Expression} AS {SqlFormatting.QuoteIdentifier(Alias)}";
}
