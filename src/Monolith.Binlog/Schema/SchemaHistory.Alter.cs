namespace Monolith.Binlog.Schema;

public sealed partial class SchemaHistory
{
    /// <summary>
    /// Applies ALTER TABLE clauses to the version in force. A schema read from the server may already be newer
    /// than the statement (it was read while catching up): adding a column it has, or dropping one it lacks, is
    /// then taken as already done.
    /// </summary>
    private string? ApplyAlterLocked(AlterTableChange alter, string? defaultDatabase, BinlogPosition at,
        List<string> tables)
    {
        var name = Resolve(alter.Table, defaultDatabase, tables);
        var current = FindLocked(name, at);
        if (current is not { Schema: { } schema, IsStale: false })
        {
            // Nothing known to change: the table will be read from the server when it is next met.
            PutLocked(name, new SchemaVersion(at, null, current?.DefaultCharacterSet, IsStale: true));
            return null;
        }

        var columns = schema.Columns.ToList();
        var charset = current.DefaultCharacterSet;
        var target = name;
        foreach (var action in alter.Actions)
        {
            var problem = action switch
            {
                AddColumnAction add => Add(columns, add, charset),
                DropColumnAction drop => Drop(columns, drop.Name),
                ModifyColumnAction modify => Replace(columns, modify.Column.Name, modify.Column, modify.Placement,
                    charset),
                ChangeColumnAction change => Replace(columns, change.OldName, change.Column, change.Placement, charset),
                RenameColumnAction rename => Rename(columns, rename.OldName, rename.NewName),
                SetPrimaryKeyAction key => SetPrimaryKey(columns, key.Columns),
                DropPrimaryKeyAction => SetPrimaryKey(columns, []),
                ConvertCharacterSetAction convert => Convert(columns, charset = convert.CharacterSet),
                SetDefaultCharacterSetAction setDefault => Keep(charset = setDefault.CharacterSet),
                RenameTableAction renameTo => Keep(target = Resolve(renameTo.NewName, name.Database, tables)),
                _ => $"{action.GetType().Name} is not interpreted",
            };
            if (problem is not null)
            {
                PutLocked(name, new SchemaVersion(at, schema, current.DefaultCharacterSet, IsStale: true));
                return $"ALTER TABLE {alter.Table}: {problem}";
            }
        }

        var renumbered = columns.Select((c, i) => c with { Ordinal = i }).ToList();
        if (target != name)
        {
            PutLocked(name, new SchemaVersion(at, null, null));
        }

        PutLocked(target, new SchemaVersion(at, new TableSchema(target.Database, target.Table, renumbered), charset));
        return null;
    }

    private static string? Keep<T>(T _) => null;

    private static int IndexOf(List<ColumnSchema> columns, string name) =>
        columns.FindIndex(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static string? Add(List<ColumnSchema> columns, AddColumnAction add, string? charset)
    {
        if (IndexOf(columns, add.Column.Name) >= 0)
        {
            return null;
        }

        return Place(columns, ToColumn(add.Column, 0, charset), add.Placement);
    }

    private static string? Drop(List<ColumnSchema> columns, string name)
    {
        var index = IndexOf(columns, name);
        if (index >= 0)
        {
            columns.RemoveAt(index);
        }

        return null;
    }

    private static string? Replace(List<ColumnSchema> columns, string oldName, ColumnSpec spec,
        ColumnPlacement placement, string? charset)
    {
        var index = IndexOf(columns, oldName);
        if (index < 0)
        {
            // Already renamed in a schema read after the statement; anything else is a mismatch.
            return IndexOf(columns, spec.Name) >= 0 ? null : $"column '{oldName}' is not in the recorded schema";
        }

        var wasKey = columns[index].IsPrimaryKey;
        var column = ToColumn(spec, 0, charset);
        column = column with
        {
            IsPrimaryKey = column.IsPrimaryKey || wasKey,
            IsNullable = column.IsNullable && !wasKey,
        };
        if (placement.IsDefault)
        {
            columns[index] = column;
            return null;
        }

        columns.RemoveAt(index);
        return Place(columns, column, placement);
    }

    private static string? Rename(List<ColumnSchema> columns, string oldName, string newName)
    {
        var index = IndexOf(columns, oldName);
        if (index < 0)
        {
            return IndexOf(columns, newName) >= 0 ? null : $"column '{oldName}' is not in the recorded schema";
        }

        columns[index] = columns[index] with { Name = newName };
        return null;
    }

    private static string? Place(List<ColumnSchema> columns, ColumnSchema column, ColumnPlacement placement)
    {
        if (placement.First)
        {
            columns.Insert(0, column);
            return null;
        }

        if (placement.After is { } after)
        {
            var index = IndexOf(columns, after);
            if (index < 0)
            {
                return $"column '{after}' named by AFTER is not in the recorded schema";
            }

            columns.Insert(index + 1, column);
            return null;
        }

        columns.Add(column);
        return null;
    }

    private static string? SetPrimaryKey(List<ColumnSchema> columns, IReadOnlyList<string> keyColumns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var isKey = keyColumns.Any(k => k.Equals(columns[i].Name, StringComparison.OrdinalIgnoreCase));
            columns[i] = columns[i] with { IsPrimaryKey = isKey, IsNullable = columns[i].IsNullable && !isKey };
        }

        return null;
    }

    private static string? Convert(List<ColumnSchema> columns, string charset)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].CharacterSet is not null)
            {
                columns[i] = columns[i] with { CharacterSet = charset };
            }
        }

        return null;
    }
}
