namespace Monolith.Engine.Sql.Ast;

/// <summary>A table name in FROM or JOIN, such as <c>shop.orders o</c> or <c>INFORMATION_SCHEMA.TABLES</c>.</summary>
public sealed record SqlTableReference(int Offset, IReadOnlyList<string> Parts, string? Alias) : SqlNode(Offset)
{
    /// <summary>The table's own name, the last part.</summary>
    public string Name => Parts[^1];

    /// <summary>The schema (database) part, or null when the name is unqualified.</summary>
    public string? Schema => Parts.Count > 1 ? Parts[^2] : null;

    /// <inheritdoc />
    public override string ToString()
    {
        var name = string.Join('.', Parts.Select(SqlFormatting.QuoteIdentifier));
        return Alias is null ? name : $"{name} AS {SqlFormatting.QuoteIdentifier(Alias)}";
    }
}
