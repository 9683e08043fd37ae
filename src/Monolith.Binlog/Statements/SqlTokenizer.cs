using System.Text;

namespace Monolith.Binlog.Statements;

/// <summary>
/// Splits the start of a SQL statement into words, quoted identifiers and symbols, skipping whitespace and
/// comments. MySQL's executable comments (<c>/*!50100 ... */</c>, MariaDB's <c>/*M!...*/</c>) hold real SQL, so
/// their markers are skipped and their content read. Works on bytes: statement text need not be valid UTF-8.
/// </summary>
internal ref struct SqlTokenizer
{
    private readonly ReadOnlySpan<byte> _sql;
    private int _pos;
    private int _executableDepth;

    public SqlTokenizer(ReadOnlySpan<byte> sql)
    {
        _sql = sql;
        _pos = 0;
        _executableDepth = 0;
    }

    public SqlTokenKind Kind { get; private set; }

    /// <summary>The token's bytes; for a quoted identifier, without
    /// the quotes (doubled quotes not yet undone).</summary>
    public ReadOnlySpan<byte> Text { get; private set; }

    private byte Quote { get; set; }

    public bool Next()
    {
        SkipTrivia();
        if (_pos >= _sql.Length)
        {
            Kind = SqlTokenKind.End;
            Text = default;
            return false;
        }

        var c = _sql[_pos];
        if (c is (byte)'`' or (byte)'"' or (byte)'\'')
        {
            ReadQuoted(c);
        }
        else if (IsWordByte(c))
        {
            var start = _pos;
            while (_pos < _sql.Length && IsWordByte(_sql[_pos]))
            {
                _pos++;
            }

            Kind = SqlTokenKind.Word;
            Text = _sql[start.._pos];
        }
        else
        {
            Kind = SqlTokenKind.Symbol;
            Text = _sql.Slice(_pos, 1);
            _pos++;
        }

        return true;
    }

    /// <summary>Whether the current token is the keyword <paramref name="keyword"/> (ASCII, any case).</summary>
    public readonly bool Is(string keyword) =>
        Kind == SqlTokenKind.Word && Ascii.EqualsIgnoreCase(Text, keyword);

    public readonly bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text[0] == symbol;

    /// <summary>Whether the current token can be an identifier (a word or a quoted name).</summary>
    public readonly bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The current identifier as text, with doubled quotes undone.</summary>
    public readonly string IdentifierText()
    {
        var text = Encoding.UTF8.GetString(Text);
        if (Kind == SqlTokenKind.QuotedIdentifier)
        {
            var quote = ((char)Quote).ToString();
            text = text.Replace(quote + quote, quote, StringComparison.Ordinal);
        }

        return text;
    }

    private void ReadQuoted(byte quote)
    {
        var start = ++_pos;
        while (_pos < _sql.Length)
        {
            if (_sql[_pos] == '\\' && quote == '\'')
            {
                _pos += 2;
                continue;
            }

            if (_sql[_pos] == quote)
            {
                if (_pos + 1 < _sql.Length && _sql[_pos + 1] == quote)
                {
                    _pos += 2;
                    continue;
                }

                break;
            }

            _pos++;
        }

        var end = Math.Min(_pos, _sql.Length);
        Text = _sql[start..end];
        Kind = quote == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier;
        Quote = quote;
        _pos = Math.Min(_pos + 1, _sql.Length);
    }

    private void SkipTrivia()
    {
        while (_pos < _sql.Length)
        {
            var c = _sql[_pos];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0)
            {
                _pos++;
            }
            else if (c == '#' || (c == '-' && At(1) == '-' && (At(2) is (byte)' ' or (byte)'\t' or (byte)'\n' ||
                _pos + 2 >= _sql.Length)))
            {
                var end = _sql[_pos..].IndexOf((byte)'\n');
                _pos = end < 0 ? _sql.Length : _pos + end + 1;
            }
            else if (c == '/' && At(1) == '*')
            {
                if (At(2) == '!' || (At(2) == 'M' && At(3) == '!'))
                {
                    // Executable comment: skip the marker and its version number, then read on as SQL.
                    _pos += At(2) == '!' ? 3 : 4;
                    while (_pos < _sql.Length && _sql[_pos] is >= (byte)'0' and <= (byte)'9')
                    {
                        _pos++;
                    }

                    _executableDepth++;
                }
                else
                {
                    var end = _sql[(_pos + 2)..].IndexOf("*/"u8);
                    _pos = end < 0 ? _sql.Length : _pos + 2 + end + 2;
                }
            }
            else if (c == '*' && At(1) == '/' && _executableDepth > 0)
            {
                _executableDepth--;
                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    private readonly byte At(int ahead) => _pos + ahead < _sql.Length ? _sql[_pos + ahead] : (byte)0;

    private static bool IsWordByte(byte c) =>
        c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'_' or (byte)'$' or >= 0x80;
}
