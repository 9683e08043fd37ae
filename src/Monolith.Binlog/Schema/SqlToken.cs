namespace Monolith.Binlog.Schema;

/// <summary>One token of a SQL statement, with its place in the statement for error messages.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">Its text: a word as written, a name or string with quoting undone.</param>
/// <param name="Offset">Where it starts in the statement.</param>
/// <param name="End">
/// Where it ends in the statement (exclusive), to copy source text such as a type's arguments.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Offset, int End)
{
    /// <summary>Whether this is the unquoted word <paramref name="keyword"/>, ignoring case.</summary>
    public bool Is(string keyword) =>
        Kind == SqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>Whether the token can name a table or column (a word or a quoted name).</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName;
}
