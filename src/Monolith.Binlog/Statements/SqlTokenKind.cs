namespace Monolith.Binlog.Statements;

/// <summary>The kinds of token <see cref="SqlTokenizer"/> returns.</summary>
internal enum SqlTokenKind : byte
{
    End,
    Word,
    QuotedIdentifier,
    String,
    Symbol,
}
