namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// A possibly qualified name such as <c>status</c>, <c>o.status</c> or <c>"__time"</c>. Names keep the case
/// they were written in: Druid's SQL is case-sensitive for identifiers.
/// </summary>
public sealed record SqlIdentifier(int Offset, IReadOnlyList<string> Parts) : SqlExpression(Offset)
{
    /// <summary>The last part: the column name of a qualified reference.</summary>
    public string Name => Parts[^1];

    /// <summary>The parts before the last, joined with dots, or null for an unqualified name.</summary>
    public string? Qualifier => Parts.Count > 1 ? string.Join('.', Parts.Take(Parts.Count - 1)) : null;

    /// <inheritdoc />
    public override string ToString() => string.Join('.', Parts.Select(SqlFormatting.QuoteIdentifier));
}
