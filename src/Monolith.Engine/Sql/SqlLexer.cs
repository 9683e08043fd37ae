using System.Text;

namespace Monolith.Engine.Sql;

/// <summary>
/// Splits a statement into tokens: identifiers (bare, <c>"double-quoted"</c> or <c>`back-quoted`</c>),
/// string literals with <c>''</c> escapes, integer, decimal and floating literals, operators and <c>?</c>
/// parameters. Line comments (<c>--</c>) and block comments are skipped.
/// </summary>
internal static class SqlLexer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>(Math.Max(8, sql.Length / 4));
        var i = 0;
        while (true)
        {
            i = SkipSpaceAndComments(sql, i);
            if (i >= sql.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.EndOfInput, sql.Length, 0, string.Empty));
                return tokens;
            }

            tokens.Add(Next(sql, ref i));
        }
    }

    private static int SkipSpaceAndComments(string sql, int i)
    {
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw SqlParseException.Malformed(sql, i, "Unterminated comment");
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static SqlToken Next(string sql, ref int i)
    {
        var start = i;
        var c = sql[i];
        if (char.IsLetter(c) || c == '_')
        {
            i++;
            while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
            {
                i++;
            }

            return new SqlToken(SqlTokenKind.Identifier, start, i - start, sql[start..i]);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1])))
        {
            return Number(sql, ref i);
        }

        switch (c)
        {
            case '\'':
                return Quoted(sql, ref i, '\'', SqlTokenKind.String);
            case '"':
                return Quoted(sql, ref i, '"', SqlTokenKind.QuotedIdentifier);
            case '`':
                return Quoted(sql, ref i, '`', SqlTokenKind.QuotedIdentifier);
            case '(':
                return Single(SqlTokenKind.LeftParen, ref i);
            case ')':
                return Single(SqlTokenKind.RightParen, ref i);
            case ',':
                return Single(SqlTokenKind.Comma, ref i);
            case '.':
                return Single(SqlTokenKind.Dot, ref i);
            case ';':
                return Single(SqlTokenKind.Semicolon, ref i);
            case '*':
                return Single(SqlTokenKind.Star, ref i);
            case '+':
                return Single(SqlTokenKind.Plus, ref i);
            case '-':
                return Single(SqlTokenKind.Minus, ref i);
            case '/':
                return Single(SqlTokenKind.Slash, ref i);
            case '%':
                return Single(SqlTokenKind.Percent, ref i);
            case '?':
                return Single(SqlTokenKind.Parameter, ref i);
            case '=':
                return Single(SqlTokenKind.Equal, ref i);
            case '|' when Peek(sql, i + 1) == '|':
                i += 2;
                return new SqlToken(SqlTokenKind.Concat, start, 2, "||");
            case '!' when Peek(sql, i + 1) == '=':
                i += 2;
                return new SqlToken(SqlTokenKind.NotEqual, start, 2, "!=");
            case '<':
                if (Peek(sql, i + 1) == '=')
                {
                    i += 2;
                    return new SqlToken(SqlTokenKind.LessOrEqual, start, 2, "<=");
                }

                if (Peek(sql, i + 1) == '>')
                {
                    i += 2;
                    return new SqlToken(SqlTokenKind.NotEqual, start, 2, "<>");
                }

                return Single(SqlTokenKind.Less, ref i);
            case '>':
                if (Peek(sql, i + 1) == '=')
                {
                    i += 2;
                    return new SqlToken(SqlTokenKind.GreaterOrEqual, start, 2, ">=");
                }

                return Single(SqlTokenKind.Greater, ref i);
            default:
                throw new SqlParseException(sql, start, "a token", $"'{c}'");
        }

        SqlToken Single(SqlTokenKind kind, ref int position)
        {
            position++;
            return new SqlToken(kind, start, 1, sql[start..position]);
        }
    }

    private static char Peek(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    private static SqlToken Number(string sql, ref int i)
    {
        var start = i;
        var kind = SqlTokenKind.Integer;
        while (i < sql.Length && char.IsAsciiDigit(sql[i]))
        {
            i++;
        }

        if (i < sql.Length && sql[i] == '.')
        {
            kind = SqlTokenKind.Decimal;
            i++;
            while (i < sql.Length && char.IsAsciiDigit(sql[i]))
            {
                i++;
            }
        }

        if (i < sql.Length && (sql[i] == 'e' || sql[i] == 'E'))
        {
            var exponent = i + 1;
            if (exponent < sql.Length && (sql[exponent] == '+' || sql[exponent] == '-'))
            {
                exponent++;
            }

            if (exponent >= sql.Length || !char.IsAsciiDigit(sql[exponent]))
            {
                throw new SqlParseException(sql, i, "digits of an exponent", Describe(sql, exponent));
            }

            kind = SqlTokenKind.Double;
            i = exponent;
            while (i < sql.Length && char.IsAsciiDigit(sql[i]))
            {
                i++;
            }
        }

        if (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_'))
        {
            throw new SqlParseException(sql, i, "a separator after a number", Describe(sql, i));
        }

        return new SqlToken(kind, start, i - start, sql[start..i]);
    }

    private static string Describe(string sql, int i) => i < sql.Length ? $"'{sql[i]}'" : "end of input";

    private static SqlToken Quoted(string sql, ref int i, char quote, SqlTokenKind kind)
    {
        var start = i;
        i++;
        StringBuilder? escaped = null;
        var runStart = i;
        while (true)
        {
            if (i >= sql.Length)
            {
                var what = kind == SqlTokenKind.String ? "string literal" : "quoted identifier";
                throw SqlParseException.Malformed(sql, start, $"Unterminated {what}");
            }

            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    escaped ??= new StringBuilder();
                    escaped.Append(sql, runStart, i - runStart + 1);
                    i += 2;
                    runStart = i;
                    continue;
                }

                break;
            }

            i++;
        }

        string text;
        if (escaped is null)
        {
            text = sql[runStart..i];
        }
        else
        {
            escaped.Append(sql, runStart, i - runStart);
            text = escaped.ToString();
        }

        i++;
        if (kind == SqlTokenKind.QuotedIdentifier && text.Length == 0)
        {
            throw SqlParseException.Malformed(sql, start, "Empty quoted identifier");
        }

        return new SqlToken(kind, start, i - start, text);
    }
}
