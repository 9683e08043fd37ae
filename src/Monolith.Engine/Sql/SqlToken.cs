namespace Monolith.Engine.Sql;

/// <summary>
/// One token: its class, where it starts and how long it is in the statement, and for strings and quoted
/// identifiers the unescaped text.
/// </summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Offset, int Length, string Text)
{
    /// <summary>True when the token is an unquoted identifier spelling the keyword, in any letter case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        SqlTokenKind.EndOfInput => "end of input",
        SqlTokenKind.String => $"'{Text}'",
        SqlTokenKind.QuotedIdentifier => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
