namespace Monolith.Binlog.Schema;

internal sealed partial class DdlParser
{
    private DdlChange ParseCreateTable()
    {
        AcceptWords("IF", "NOT", "EXISTS");
        var table = ParseTableName();
        _subject = table;
        if (AcceptWord("LIKE"))
        {
            return new CreateTableLikeChange(table, ParseTableName());
        }

        if (Current.IsSymbol('(') && Peek(1).Is("LIKE"))
        {
            Next();
            Next();
            var source = ParseTableName();
            ExpectSymbol(')');
            return new CreateTableLikeChange(table, source);
        }

        if (!Current.IsSymbol('(') || Peek(1).Is("SELECT"))
        {
            return new UnsupportedChange(table, "CREATE TABLE ... SELECT takes its columns from a query");
        }

        Next();
        var columns = new List<ColumnSpec>();
        var primaryKey = new List<string>();
        do
        {
            ParseCreateDefinition(columns, primaryKey);
        }
        while (AcceptSymbol(','));

        ExpectSymbol(')');

        string? defaultCharacterSet = null;
        while (!AtEnd)
        {
            if (Current.Is("SELECT") || (Current.Is("AS") && Peek(1).Is("SELECT")))
            {
                return new UnsupportedChange(table, "CREATE TABLE ... SELECT takes columns from a query");
            }

            defaultCharacterSet = TryParseCharacterSetOption() ?? defaultCharacterSet;
            if (!AtEnd)
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

        foreach (var name in primaryKey)
        {
            var index = columns.FindIndex(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                columns[index] = columns[index] with { IsPrimaryKey = true, IsNullable = false };
            }
        }

        return new CreateTableChange(table, columns, primaryKey, defaultCharacterSet);
    }

    private void ParseCreateDefinition(List<ColumnSpec> columns, List<string> primaryKey)
    {
        if (Current.Is("CONSTRAINT"))
        {
            Next();
            if (!Current.Is("PRIMARY") && !Current.Is("UNIQUE") && !Current.Is("FOREIGN") && !Current.Is("CHECK"))
            {
                Next();
            }
        }

        if (AcceptWords("PRIMARY", "KEY"))
        {
            SkipIndexType();
            primaryKey.AddRange(ParseKeyParts());
            SkipToEndOfItem();
            return;
        }

        if (IsIndexOrConstraint())
        {
            SkipToEndOfItem();
            return;
        }

        var column = ParseColumnSpec(ExpectName("a column name"));
        if (column.IsPrimaryKey)
        {
            primaryKey.Add(column.Name);
        }

        columns.Add(column);
    }

    /// <summary>Skips an optional index name and USING BTREE|HASH before a key's column list.</summary>
    private void SkipIndexType()
    {
        if (AcceptWord("USING"))
        {
            Next();
        }
        else if (!AtEnd && Current.IsName)
        {
            Next();
        }

        if (AcceptWord("USING"))
        {
            Next();
        }
    }

    private bool IsIndexOrConstraint()
    {
        if (Current.Kind != SqlTokenKind.Word)
        {
            return false;
        }

        // These words are reserved: unquoted, they cannot name a column.
        if (Current.Text.ToUpperInvariant() is "INDEX" or "KEY" or "UNIQUE" or "FULLTEXT" or "SPATIAL" or "FOREIGN"
            or "CHECK" or "CONSTRAINT")
        {
            return true;
        }

        // PERIOD FOR and VECTOR INDEX are clauses; "period INT" is a column named period.
        return (Current.Is("PERIOD") && Peek(1).Is("FOR")) || (Current.Is("VECTOR") && Peek(1).Is("INDEX"));
    }

    /// <summary>Reads [DEFAULT] CHARACTER SET|CHARSET [=] x or [DEFAULT] COLLATE [=] y; null when neither.</summary>
    private string? TryParseCharacterSetOption()
    {
        var start = _index;
        AcceptWord("DEFAULT");
        if (AcceptWords("CHARACTER", "SET") || AcceptWord("CHARSET") || AcceptWords("CHAR", "SET"))
        {
            AcceptSymbol('=');
            return CharacterSets.Normalize(ExpectName("a character set"));
        }

        if (AcceptWord("COLLATE"))
        {
            AcceptSymbol('=');
            return CharacterSets.FromCollation(ExpectName("a collation"));
        }

        _index = start;
        return null;
    }
}
