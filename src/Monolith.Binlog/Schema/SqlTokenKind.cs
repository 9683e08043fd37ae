namespace Monolith.Binlog.Schema;

/// <summary>The kinds of token the DDL interpreter distinguishes.</summary>
internal enum SqlTokenKind
{
    /// <summary>An unquoted word: a keyword or a name.</summary>
    Word,

    /// <summary>A name in backticks (or double quotes), with doubled quotes undone.</summary>
    QuotedName,

    /// <summary>A string literal in single (or double) quotes, with its escapes undone.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>Any other character: ( ) , . = ; and operators.</summary>
    Symbol,
}
