using System.Text;

namespace Monolith.Binlog.Schema;

/// <summary>
/// Splits a SQL statement into tokens as MySQL and MariaDB read it: comments (<c>-- </c>, <c>#</c>,
/// <c>/* */</c>) are skipped, while the content of executable comments (<c>/*!50100 ... */</c>, MariaDB's
/// <c>/*M!100100 ... */</c>) is read as statement text, since the server executed it.
/// </summary>
internal static class SqlTokenizer
{
    /// <exception cref="DdlSyntaxException">An unterminated quote or comment, with its offset.</exception>
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '-' && At(sql, i + 1) == '-' && (i + 2 >= sql.Length ||
                         char.IsWhiteSpace(sql[i + 2]))))
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipComment(sql, i);
            }
            else if (c == '*' && At(sql, i + 1) == '/')
            {
                // The end of an executable comment whose content was read as text.
                i += 2;
            }
            else if (c is '`' or '"')
            {
                var (text, end) = ReadQuoted(sql, i, c);
                tokens.Add(new SqlToken(c == '`' ? SqlTokenKind.QuotedName : SqlTokenKind.String, text, i, end));
                i = end;
            }
            else if (c == '\'')
            {
                var (text, end) = ReadQuoted(sql, i, c);
                tokens.Add(new SqlToken(SqlTokenKind.String, text, i, end));
                i = end;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(sql, i + 1))))
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '.' || sql[i] == '_'))
                {
                    i++;
                }

                // A digit-led word such as 1st_column is a name in MySQL; a number otherwise.
                var text = sql[start..i];
                var kind = text.All(ch => char.IsAsciiDigit(ch) || ch == '.') ? SqlTokenKind.Number : SqlTokenKind.Word;
                tokens.Add(new SqlToken(kind, text, start, i));
            }
            else if (IsWordCharacter(c))
            {
                var start = i;
                while (i < sql.Length && IsWordCharacter(sql[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start, i));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), i, i + 1));
                i++;
            }
        }

        return tokens;
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > 0x7F;

    private static char At(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int SkipComment(string sql, int start)
    {
        // Executable comments: /*! or /*M! followed by an optional version number; their content counts.
        var i = start + 2;
        if (At(sql, i) == 'M' && At(sql, i + 1) == '!')
        {
            i++;
        }

        if (At(sql, i) == '!')
        {
            i++;
            while (char.IsAsciiDigit(At(sql, i)))
            {
                i++;
            }

            return i;
        }

        var end = sql.IndexOf("*/", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new DdlSyntaxException("a comment is not closed", start);
        }

        return end + 2;
    }

    private static (string Text, int End) ReadQuoted(string sql, int start, char quote)
    {
        var text = new StringBuilder();
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == quote)
            {
                if (At(sql, i + 1) == quote)
                {
                    text.Append(quote);
                    i += 2;
                    continue;
                }

                return (text.ToString(), i + 1);
            }

            if (c == '\\' && quote != '`' && i + 1 < sql.Length)
            {
                text.Append(Unescape(sql[i + 1]));
                i += 2;
                continue;
            }

            text.Append(c);
            i++;
        }

        throw new DdlSyntaxException($"the quote {quote} opened here is not closed", start);
    }

    private static string Unescape(char c) => c switch
    {
        '0' => "\0",
        'b' => "\b",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'Z' => "\u001A",
        '%' => "\\%",
        '_' => "\\_",
        _ => c.ToString(),
    };
}
