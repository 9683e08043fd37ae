namespace Monolith.Binlog.Schema;

public sealed partial class SchemaHistory
{
    /// <summary>
    /// Applies a statement that passed in the stream at <paramref name="position"/> (the end of its QUERY event)
    /// to the recorded schemas. Interpreted statements create new versions from that position; others mark the
    /// tables they name to be read again from the server.
    /// </summary>
    /// <param name="defaultDatabase">
    /// The statement's default database (the QUERY event's), for unqualified names.</param>
    /// <param name="sql">The statement text.</param>
    /// <param name="position">Where the statement ends in the binlog.</param>
    public DdlResult ApplyStatement(string? defaultDatabase, string sql, BinlogPosition position)
    {
        IReadOnlyList<DdlChange> changes;
        try
        {
            changes = DdlParser.Parse(sql);
        }
        catch (DdlSyntaxException exception)
        {
            return new DdlResult(DdlOutcome.ReadAgain, [], $"the statement could not be read: {exception.Message}");
        }

        if (changes.Count == 0)
        {
            return DdlResult.None;
        }

        var tables = new List<string>();
        string? reason = null;
        lock (_gate)
        {
            foreach (var change in changes)
            {
                var problem = ApplyLocked(change, defaultDatabase, position, tables);
                reason ??= problem;
            }
        }

        return new DdlResult(reason is null ? DdlOutcome.Applied : DdlOutcome.ReadAgain, tables, reason);
    }

    private string? ApplyLocked(DdlChange change, string? defaultDatabase, BinlogPosition at, List<string> tables)
    {
        switch (change)
        {
            case CreateTableChange create:
            {
                var name = Resolve(create.Table, defaultDatabase, tables);
                var schema = new TableSchema(name.Database, name.Table,
                    [.. create.Columns.Select((c, i) => ToColumn(c, i, create.DefaultCharacterSet))]);
                PutLocked(name, new SchemaVersion(at, schema, create.DefaultCharacterSet));
                return null;
            }

            case CreateTableLikeChange like:
            {
                var name = Resolve(like.Table, defaultDatabase, tables);
                var source = FindLocked(Resolve(like.Source, defaultDatabase, null), at);
                if (source is not { Schema: { } template, IsStale: false })
                {
                    PutLocked(name, new SchemaVersion(at, null, null, IsStale: true));
                    return $"the source table {like.Source} of CREATE TABLE ... LIKE is not known";
                }

                var copy = template with { Database = name.Database, Table = name.Table };
                PutLocked(name, source with { From = at, Schema = copy });
                return null;
            }

            case AlterTableChange alter:
                return ApplyAlterLocked(alter, defaultDatabase, at, tables);

            case DropTableChange drop:
                PutLocked(Resolve(drop.Table, defaultDatabase, tables), new SchemaVersion(at, null, null));
                return null;

            case RenameTableChange rename:
            {
                var from = Resolve(rename.From, defaultDatabase, tables);
                var to = Resolve(rename.To, defaultDatabase, tables);
                var current = FindLocked(from, at);
                PutLocked(from, new SchemaVersion(at, null, null));
                if (current is not { Schema: { } schema, IsStale: false })
                {
                    PutLocked(to, new SchemaVersion(at, null, null, IsStale: true));
                    return null;
                }

                var moved = schema with { Database = to.Database, Table = to.Table };
                PutLocked(to, current with { From = at, Schema = moved });
                return null;
            }

            case TruncateTableChange truncate:
                Resolve(truncate.Table, defaultDatabase, tables);
                return null;

            case DropDatabaseChange dropDatabase:
                foreach (var key in _tables.Keys.Where(k => k.Database == dropDatabase.Database).ToList())
                {
                    tables.Add($"{key.Database}.{key.Table}");
                    PutLocked(key, new SchemaVersion(at, null, null));
                }

                return null;

            case UnsupportedChange unsupported:
                if (unsupported.Table is { } table)
                {
                    var name = Resolve(table, defaultDatabase, tables);
                    var current = FindLocked(name, at);
                    PutLocked(name,
                        new SchemaVersion(at, current?.Schema, current?.DefaultCharacterSet, IsStale: true));
                }

                return unsupported.Reason;

            default:
                return $"{change.GetType().Name} is not interpreted";
        }
    }

    private static (string Database, string Table) Resolve(TableName name, string? defaultDatabase,
        List<string>? tables)
    {
        var database = name.Database ?? defaultDatabase ?? "";
        tables?.Add($"{database}.{name.Name}");
        return (database, name.Name);
    }

    private static ColumnSchema ToColumn(ColumnSpec spec, int ordinal, string? tableCharacterSet) => new(
        spec.Name, ordinal, spec.DataType, spec.ColumnType, spec.IsNullable && !spec.IsPrimaryKey, spec.IsUnsigned,
        spec.IsText ? spec.CharacterSet ?? tableCharacterSet : null, spec.Labels, spec.IsPrimaryKey);
}
