namespace Monolith.Engine.Sql;

/// <summary>The lexical classes of Druid's SQL dialect as the lexer produces them.</summary>
internal enum SqlTokenKind
{
    EndOfInput,
    Identifier,
    QuotedIdentifier,
    String,
    Integer,
    Decimal,
    Double,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Semicolon,
    Star,
    Plus,
    Minus,
    Slash,
    Percent,
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Parameter,
}
