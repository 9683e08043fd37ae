namespace Monolith.Binlog.Statements;

/// <summary>
/// Recognises the statements that matter to change capture in a QUERY event: transaction control (BEGIN, COMMIT,
/// ROLLBACK, XA) and DDL on tables and databases, with the names they affect. Only the leading keywords and names
/// are read; everything else is <see cref="StatementKind.Other"/>. Allocates only for DDL.
/// </summary>
public static class StatementClassifier
{
    private static readonly StatementInfo s_other = new(StatementKind.Other, null, []);

    /// <summary>Classifies a statement.</summary>
    /// <param name="sql">The statement's bytes.</param>
    /// <param name="defaultDatabase">The session's database, used for unqualified table names.</param>
    public static StatementInfo Classify(ReadOnlySpan<byte> sql, string? defaultDatabase)
    {
        var t = new SqlTokenizer(sql);
        if (!t.Next() || t.Kind != SqlTokenKind.Word)
        {
            return s_other;
        }

        if (t.Is("BEGIN"))
        {
            return Simple(StatementKind.Begin);
        }

        if (t.Is("START"))
        {
            return t.Next() && t.Is("TRANSACTION") ? Simple(StatementKind.Begin) : s_other;
        }

        if (t.Is("COMMIT"))
        {
            return Simple(StatementKind.Commit);
        }

        if (t.Is("ROLLBACK"))
        {
            t.Next();
            if (t.Is("WORK"))
            {
                t.Next();
            }

            return Simple(t.Is("TO") ? StatementKind.Savepoint : StatementKind.Rollback);
        }

        if (t.Is("SAVEPOINT") || t.Is("RELEASE"))
        {
            return Simple(StatementKind.Savepoint);
        }

        if (t.Is("XA"))
        {
            return ClassifyXa(ref t);
        }

        if (t.Is("CREATE"))
        {
            return ClassifyCreate(ref t, defaultDatabase);
        }

        if (t.Is("ALTER"))
        {
            return ClassifyAlter(ref t, defaultDatabase);
        }

        if (t.Is("DROP"))
        {
            return ClassifyDrop(ref t, defaultDatabase);
        }

        if (t.Is("RENAME"))
        {
            return t.Next() && (t.Is("TABLE") || t.Is("TABLES"))
                ? new StatementInfo(StatementKind.RenameTable, null, ReadRenamePairs(ref t, defaultDatabase))
                : s_other;
        }

        if (t.Is("TRUNCATE"))
        {
            t.Next();
            if (t.Is("TABLE"))
            {
                t.Next();
            }

            return TableStatement(StatementKind.TruncateTable, ref t, defaultDatabase);
        }

        return s_other;
    }

    private static StatementInfo Simple(StatementKind kind) => new(kind, null, []);

    private static StatementInfo ClassifyXa(ref SqlTokenizer t)
    {
        t.Next();
        if (t.Is("START") || t.Is("BEGIN"))
        {
            return Simple(StatementKind.XaStart);
        }

        if (t.Is("END"))
        {
            return Simple(StatementKind.XaEnd);
        }

        if (t.Is("PREPARE"))
        {
            return Simple(StatementKind.XaPrepare);
        }

        if (t.Is("ROLLBACK"))
        {
            return Simple(StatementKind.XaRollback);
        }

        if (!t.Is("COMMIT"))
        {
            return s_other;
        }

        // XA COMMIT xid [ONE PHASE]: look for the two words after the xid.
        var onePhase = false;
        var previousWasOne = false;
        while (t.Next())
        {
            onePhase |= previousWasOne && t.Is("PHASE");
            previousWasOne = t.Is("ONE");
        }

        return new StatementInfo(StatementKind.XaCommit, null, [], OnePhase: onePhase);
    }

    private static StatementInfo ClassifyCreate(ref SqlTokenizer t, string? defaultDatabase)
    {
        t.Next();
        if (t.Is("OR"))
        {
            t.Next();
            t.Next();
        }

        var temporary = false;
        if (t.Is("TEMPORARY"))
        {
            temporary = true;
            t.Next();
        }

        if (t.Is("TABLE"))
        {
            t.Next();
            SkipIf(ref t, "IF", "NOT", "EXISTS");
            return TableStatement(StatementKind.CreateTable, ref t, defaultDatabase, temporary);
        }

        if (t.Is("DATABASE") || t.Is("SCHEMA"))
        {
            t.Next();
            SkipIf(ref t, "IF", "NOT", "EXISTS");
            return DatabaseStatement(StatementKind.CreateDatabase, ref t);
        }

        if (t.Is("ONLINE") || t.Is("OFFLINE"))
        {
            t.Next();
        }

        if (t.Is("UNIQUE") || t.Is("FULLTEXT") || t.Is("SPATIAL"))
        {
            t.Next();
        }

        return t.Is("INDEX") ? IndexStatement(StatementKind.CreateIndex, ref t, defaultDatabase) : s_other;
    }

    private static StatementInfo ClassifyAlter(ref SqlTokenizer t, string? defaultDatabase)
    {
        t.Next();
        while (t.Is("ONLINE") || t.Is("OFFLINE") || t.Is("IGNORE"))
        {
            t.Next();
        }

        if (t.Is("DATABASE") || t.Is("SCHEMA"))
        {
            t.Next();
            return DatabaseStatement(StatementKind.AlterDatabase, ref t);
        }

        if (!t.Is("TABLE"))
        {
            return s_other;
        }

        t.Next();
        SkipIf(ref t, "IF", "EXISTS");
        if (!TryReadName(ref t, defaultDatabase, out var table))
        {
            return s_other;
        }

        // ALTER TABLE a ... RENAME [TO | AS] b renames the table too; RENAME COLUMN/INDEX/KEY do not.
        var tables = new List<TableName> { table };
        while (t.Kind != SqlTokenKind.End)
        {
            if (t.Is("RENAME"))
            {
                t.Next();
                if (t.Is("COLUMN") || t.Is("INDEX") || t.Is("KEY"))
                {
                    continue;
                }

                if (t.Is("TO") || t.Is("AS"))
                {
                    t.Next();
                }

                if (TryReadName(ref t, defaultDatabase, out var renamed))
                {
                    tables.Add(renamed);
                }

                continue;
            }

            t.Next();
        }

        return new StatementInfo(StatementKind.AlterTable, null, tables);
    }

    private static StatementInfo ClassifyDrop(ref SqlTokenizer t, string? defaultDatabase)
    {
        t.Next();
        var temporary = false;
        if (t.Is("TEMPORARY"))
        {
            temporary = true;
            t.Next();
        }

        if (t.Is("TABLE") || t.Is("TABLES"))
        {
            t.Next();
            SkipIf(ref t, "IF", "EXISTS");
            var tables = new List<TableName>();
            while (TryReadName(ref t, defaultDatabase, out var name))
            {
                tables.Add(name);
                if (!t.IsSymbol(','))
                {
                    break;
                }

                t.Next();
            }

            return tables.Count == 0
                ? s_other
                : new StatementInfo(StatementKind.DropTable, null, tables, IsTemporary: temporary);
        }

        if (t.Is("DATABASE") || t.Is("SCHEMA"))
        {
            t.Next();
            SkipIf(ref t, "IF", "EXISTS");
            return DatabaseStatement(StatementKind.DropDatabase, ref t);
        }

        if (t.Is("ONLINE") || t.Is("OFFLINE"))
        {
            t.Next();
        }

        return t.Is("INDEX") ? IndexStatement(StatementKind.DropIndex, ref t, defaultDatabase) : s_other;
    }

    /// <summary>CREATE/DROP INDEX name [IF ...] ... ON table.</summary>
    private static StatementInfo IndexStatement(StatementKind kind, ref SqlTokenizer t, string? defaultDatabase)
    {
        while (t.Next())
        {
            if (t.Is("ON"))
            {
                t.Next();
                return TableStatement(kind, ref t, defaultDatabase);
            }
        }

        return s_other;
    }

    private static StatementInfo TableStatement(StatementKind kind, ref SqlTokenizer t, string? defaultDatabase,
        bool temporary = false) =>
        TryReadName(ref t, defaultDatabase, out var name)
            ? new StatementInfo(kind, null, [name], IsTemporary: temporary)
            : s_other;

    private static StatementInfo DatabaseStatement(StatementKind kind, ref SqlTokenizer t) =>
        t.IsIdentifier && !(kind == StatementKind.AlterDatabase && IsAlterDatabaseOption(ref t))
            ? new StatementInfo(kind, t.IdentifierText(), [])
            : new StatementInfo(kind, null, []);

    private static bool IsAlterDatabaseOption(ref SqlTokenizer t) =>
        t.Is("DEFAULT") || t.Is("CHARACTER") || t.Is("CHARSET") || t.Is("COLLATE") || t.Is("ENCRYPTION") ||
        t.Is("READ") || t.Is("UPGRADE") || t.Is("COMMENT");

    private static List<TableName> ReadRenamePairs(ref SqlTokenizer t, string? defaultDatabase)
    {
        var tables = new List<TableName>();
        t.Next();
        while (TryReadName(ref t, defaultDatabase, out var from))
        {
            if (!t.Is("TO"))
            {
                break;
            }

            t.Next();
            if (!TryReadName(ref t, defaultDatabase, out var to))
            {
                break;
            }

            tables.Add(from);
            tables.Add(to);
            if (!t.IsSymbol(','))
            {
                break;
            }

            t.Next();
        }

        return tables;
    }

    /// <summary>Reads <c>name</c> or <c>db.name</c> at the current token and moves past it.</summary>
    private static bool TryReadName(ref SqlTokenizer t, string? defaultDatabase, out TableName name)
    {
        if (!t.IsIdentifier)
        {
            name = default;
            return false;
        }

        var first = t.IdentifierText();
        t.Next();
        if (t.IsSymbol('.'))
        {
            t.Next();
            if (t.IsIdentifier)
            {
                name = new TableName(first, t.IdentifierText());
                t.Next();
                return true;
            }
        }

        name = new TableName(defaultDatabase, first);
        return true;
    }

    private static void SkipIf(ref SqlTokenizer t, string first, params string[] rest)
    {
        if (!t.Is(first))
        {
            return;
        }

        t.Next();
        foreach (var word in rest)
        {
            if (t.Is(word))
            {
                t.Next();
            }
        }
    }
}
