namespace Monolith.Binlog.Schema;

internal sealed partial class DdlParser
{
    // Clauses that change no column: indexes, keys, constraints, partitions, engine and table options.
    private static readonly HashSet<string> s_optionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ENGINE", "AUTO_INCREMENT", "COMMENT", "ROW_FORMAT", "ALGORITHM", "LOCK", "FORCE", "ORDER",
        "KEY_BLOCK_SIZE", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "PACK_KEYS", "STATS_AUTO_RECALC",
        "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "ENCRYPTION", "ENCRYPTED", "ENCRYPTION_KEY_ID", "DISABLE",
        "ENABLE", "DISCARD", "IMPORT", "COALESCE", "REORGANIZE", "ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR",
        "REMOVE", "EXCHANGE", "PARTITION", "WITH", "WITHOUT", "UNION", "INSERT_METHOD", "DATA", "INDEX",
        "TABLESPACE", "STORAGE", "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL",
        "MAX_ROWS", "MIN_ROWS", "DELAY_KEY_WRITE", "IETF_QUOTES", "COMPRESSION", "CONNECTION", "PASSWORD",
        "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE", "VALIDATION", "UPGRADE", "TRUNCATE",
        "SEQUENCE", "SECONDARY_ENGINE", "SECONDARY_LOAD", "SECONDARY_UNLOAD",
    };

    private DdlChange ParseAlterTable()
    {
        AcceptWords("IF", "EXISTS");
        var table = ParseTableName();
        _subject = table;
        if (AcceptWord("WAIT"))
        {
            Next();
        }

        AcceptWord("NOWAIT");
        var actions = new List<AlterAction>();
        while (!AtEnd)
        {
            var start = Current.Offset;
            var action = ParseAlterSpecification(actions);
            if (action is UnsupportedChange unsupported)
            {
                return unsupported with { Table = table, Reason = $"{unsupported.Reason} (at offset {start})" };
            }

            if (!AtEnd && !AcceptSymbol(','))
            {
                throw Unexpected("',' between ALTER TABLE clauses");
            }
        }

        return new AlterTableChange(table, actions);
    }

    /// <summary>
    /// Reads one clause, adding what it does to <paramref name="actions"/>; an unsupported clause is returned.
    /// </summary>
    private UnsupportedChange? ParseAlterSpecification(List<AlterAction> actions)
    {
        if (AcceptWord("ADD"))
        {
            ParseAdd(actions);
        }
        else if (AcceptWord("DROP"))
        {
            ParseDrop(actions);
        }
        else if (AcceptWord("MODIFY"))
        {
            AcceptWord("COLUMN");
            AcceptWords("IF", "EXISTS");
            var column = ParseColumnSpec(ExpectName("a column name"));
            actions.Add(new ModifyColumnAction(column, ParsePlacement()));
        }
        else if (AcceptWord("CHANGE"))
        {
            AcceptWord("COLUMN");
            AcceptWords("IF", "EXISTS");
            var oldName = ExpectName("a column name");
            var column = ParseColumnSpec(ExpectName("the column's new name"));
            actions.Add(new ChangeColumnAction(oldName, column, ParsePlacement()));
        }
        else if (AcceptWord("RENAME"))
        {
            if (AcceptWord("COLUMN"))
            {
                AcceptWords("IF", "EXISTS");
                var oldName = ExpectName("a column name");
                ExpectWord("TO");
                actions.Add(new RenameColumnAction(oldName, ExpectName("the column's new name")));
            }
            else if (AcceptWord("INDEX") || AcceptWord("KEY"))
            {
                SkipToEndOfItem();
            }
            else
            {
                _ = AcceptWord("TO") || AcceptWord("AS");
                actions.Add(new RenameTableAction(ParseTableName()));
            }
        }
        else if (AcceptWord("CONVERT"))
        {
            ExpectWord("TO");
            var charset = TryParseCharacterSetOption() ?? throw Unexpected("CHARACTER SET after CONVERT TO");
            SkipToEndOfItem();
            actions.Add(new ConvertCharacterSetAction(charset));
        }
        else if (TryParseCharacterSetOption() is { } defaultCharset)
        {
            actions.Add(new SetDefaultCharacterSetAction(defaultCharset));
            SkipToEndOfItem();
        }
        else if (AcceptWord("ALTER") ||
            (!AtEnd && Current.Kind == SqlTokenKind.Word && s_optionWords.Contains(Current.Text)))
        {
            SkipToEndOfItem();
        }
        else
        {
            var word = AtEnd ? "the end" : $"'{Current.Text}'";
            return new UnsupportedChange(null, $"ALTER TABLE clause starting with {word} is not interpreted");
        }

        return null;
    }

    private void ParseAdd(List<AlterAction> actions)
    {
        var column = AcceptWord("COLUMN");
        var ifNotExists = AcceptWords("IF", "NOT", "EXISTS");
        if (AcceptSymbol('('))
        {
            do
            {
                actions.Add(new AddColumnAction(ParseColumnSpec(ExpectName("a column name")), default, ifNotExists));
            }
            while (AcceptSymbol(','));

            ExpectSymbol(')');
            return;
        }

        if (!column)
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
                actions.Add(new SetPrimaryKeyAction(ParseKeyParts()));
                SkipToEndOfItem();
                return;
            }

            if (IsIndexOrConstraint() || Current.Is("PARTITION") || Current.Is("SYSTEM"))
            {
                SkipToEndOfItem();
                return;
            }
        }

        var spec = ParseColumnSpec(ExpectName("a column name"));
        actions.Add(new AddColumnAction(spec, ParsePlacement(), ifNotExists));
    }

    private void ParseDrop(List<AlterAction> actions)
    {
        if (AcceptWords("PRIMARY", "KEY"))
        {
            actions.Add(new DropPrimaryKeyAction());
            return;
        }

        if (Current.Is("INDEX") || Current.Is("KEY") || Current.Is("FOREIGN") || Current.Is("CONSTRAINT") ||
            Current.Is("CHECK") || Current.Is("PARTITION") || Current.Is("SYSTEM") || Current.Is("PERIOD"))
        {
            SkipToEndOfItem();
            return;
        }

        AcceptWord("COLUMN");
        var ifExists = AcceptWords("IF", "EXISTS");
        actions.Add(new DropColumnAction(ExpectName("a column name"), ifExists));
        AcceptWord("RESTRICT");
        AcceptWord("CASCADE");
    }
}
