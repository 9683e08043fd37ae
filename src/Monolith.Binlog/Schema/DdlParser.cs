namespace Monolith.Binlog.Schema;

/// <summary>
/// Reads the DDL statements that change a table's columns: CREATE TABLE, ALTER TABLE (ADD, DROP, MODIFY,
/// CHANGE and RENAME COLUMN, RENAME TO, primary key and character set changes), DROP TABLE, RENAME TABLE,
/// TRUNCATE and DROP DATABASE. Clauses that leave the columns alone (indexes, engine, comments) are passed
/// over; a clause it does not know makes the statement unsupported, so that the table is read again from the
/// server instead of being guessed.
/// </summary>
internal sealed partial class DdlParser
{
    private readonly List<SqlToken> _tokens;
    private readonly string _sql;
    private int _index;

    // The table a CREATE or ALTER statement is about, once read: a statement unreadable past its name still
    // tells which table to read again.
    private TableName? _subject;

    private DdlParser(string sql, List<SqlToken> tokens)
    {
        _sql = sql;
        _tokens = tokens;
    }

    /// <summary>
    /// The changes a statement makes; an empty list for a statement that changes no table's columns (DML,
    /// CREATE INDEX, GRANT, ...). Tables without a database name keep it null for the caller to resolve.
    /// </summary>
    /// <exception cref="DdlSyntaxException">
    /// The statement cannot be read, with the offset where reading stopped.</exception>
    public static IReadOnlyList<DdlChange> Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqlTokenizer.Tokenize(sql);
        if (tokens.Count == 0)
        {
            return [];
        }

        var parser = new DdlParser(sql, tokens);
        try
        {
            return parser.ParseStatement();
        }
        catch (DdlSyntaxException exception) when (parser._subject is { } table)
        {
            return [new UnsupportedChange(table, exception.Message)];
        }
    }

    private IReadOnlyList<DdlChange> ParseStatement()
    {
        if (AcceptWord("CREATE"))
        {
            AcceptWords("OR", "REPLACE");
            var temporary = AcceptWord("TEMPORARY");

            // Temporary tables live in one session and are not replicated as row events.
            return AcceptWord("TABLE") && !temporary ? [ParseCreateTable()] : [];
        }

        if (AcceptWord("ALTER"))
        {
            AcceptWord("ONLINE");
            AcceptWord("OFFLINE");
            AcceptWord("IGNORE");
            return AcceptWord("TABLE") ? [ParseAlterTable()] : [];
        }

        if (AcceptWord("DROP"))
        {
            var temporary = AcceptWord("TEMPORARY");
            if (AcceptWord("TABLE") || AcceptWord("TABLES"))
            {
                return temporary ? [] : ParseDropTables();
            }

            if (AcceptWord("DATABASE") || AcceptWord("SCHEMA"))
            {
                AcceptWords("IF", "EXISTS");
                return [new DropDatabaseChange(ExpectName("a database name"))];
            }

            return [];
        }

        if (AcceptWord("RENAME"))
        {
            return AcceptWord("TABLE") || AcceptWord("TABLES") ? ParseRenameTables() : [];
        }

        if (AcceptWord("TRUNCATE"))
        {
            AcceptWord("TABLE");
            return [new TruncateTableChange(ParseTableName())];
        }

        return [];
    }

    private List<DdlChange> ParseDropTables()
    {
        AcceptWords("IF", "EXISTS");
        var changes = new List<DdlChange>();
        do
        {
            changes.Add(new DropTableChange(ParseTableName()));
        }
        while (AcceptSymbol(','));

        return changes;
    }

    private List<DdlChange> ParseRenameTables()
    {
        AcceptWords("IF", "EXISTS");
        var changes = new List<DdlChange>();
        do
        {
            var from = ParseTableName();
            AcceptWord("WAIT");
            if (Current.Kind == SqlTokenKind.Number)
            {
                Next();
            }

            AcceptWord("NOWAIT");
            ExpectWord("TO");
            changes.Add(new RenameTableChange(from, ParseTableName()));
        }
        while (AcceptSymbol(','));

        return changes;
    }

    private TableName ParseTableName()
    {
        var first = ExpectName("a table name");
        if (Current.IsSymbol('.'))
        {
            Next();
            return new TableName(first, ExpectName("a table name after the database name"));
        }

        return new TableName(null, first);
    }

    // Token navigation.

    private bool AtEnd => _index >= _tokens.Count || (_tokens[_index].IsSymbol(';') && _index == _tokens.Count - 1);

    private SqlToken Current => _index < _tokens.Count
        ? _tokens[_index]
        : new SqlToken(SqlTokenKind.Symbol, "", _sql.Length, _sql.Length);

    private SqlToken Peek(int ahead) => _index + ahead < _tokens.Count
        ? _tokens[_index + ahead]
        : new SqlToken(SqlTokenKind.Symbol, "", _sql.Length, _sql.Length);

    private SqlToken Next() => _tokens[_index++];

    private bool AcceptWord(string word)
    {
        if (!AtEnd && Current.Is(word))
        {
            _index++;
            return true;
        }

        return false;
    }

    private bool AcceptWords(params string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!Peek(i).Is(words[i]))
            {
                return false;
            }
        }

        _index += words.Length;
        return true;
    }

    private bool AcceptSymbol(char symbol)
    {
        if (!AtEnd && Current.IsSymbol(symbol))
        {
            _index++;
            return true;
        }

        return false;
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
        {
            throw Unexpected($"'{word}'");
        }
    }

    private void ExpectSymbol(char symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Unexpected($"'{symbol}'");
        }
    }

    private string ExpectName(string what)
    {
        if (AtEnd || !Current.IsName)
        {
            throw Unexpected(what);
        }

        return Next().Text;
    }

    private DdlSyntaxException Unexpected(string expected) => AtEnd
        ? new DdlSyntaxException($"expected {expected}, found the end of the statement", _sql.Length)
        : new DdlSyntaxException($"expected {expected}, found '{Current.Text}'", Current.Offset);

    /// <summary>Skips a balanced parenthesised group starting at the current '('.</summary>
    private void SkipParenthesised()
    {
        var start = Current.Offset;
        ExpectSymbol('(');
        var depth = 1;
        while (depth > 0)
        {
            if (_index >= _tokens.Count)
            {
                throw new DdlSyntaxException("a parenthesis opened here is not closed", start);
            }

            var token = Next();
            if (token.IsSymbol('('))
            {
                depth++;
            }
            else if (token.IsSymbol(')'))
            {
                depth--;
            }
        }
    }

    /// <summary>Skips to the next comma or closing parenthesis at the current nesting level.</summary>
    private void SkipToEndOfItem()
    {
        while (!AtEnd && !Current.IsSymbol(',') && !Current.IsSymbol(')'))
        {
            if (Current.IsSymbol('('))
            {
                SkipParenthesised();
            }
            else
            {
                Next();
            }
        }
    }

    /// <summary>Reads <c>(name [(length)] [ASC|DESC], ...)</c> and returns the names.</summary>
    private List<string> ParseKeyParts()
    {
        var start = Current.Offset;
        ExpectSymbol('(');
        var names = new List<string>();
        while (true)
        {
            if (Current.IsSymbol('('))
            {
                // A functional key part, ((expression)): no column of its own.
                SkipParenthesised();
            }
            else
            {
                names.Add(ExpectName("a key column"));
                SkipToEndOfItem();
            }

            if (AcceptSymbol(','))
            {
                continue;
            }

            if (AcceptSymbol(')'))
            {
                return names;
            }

            throw new DdlSyntaxException("a key column list opened here is not closed", start);
        }
    }
}
