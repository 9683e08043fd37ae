namespace Monolith.Binlog.Schema;

/// <summary>A table named in a statement; the database is null when the statement relies on the default one.</summary>
internal readonly record struct TableName(string? Database, string Name)
{
    public override string ToString() => Database is null ? Name : $"{Database}.{Name}";
}

/// <summary>Where an added or moved column goes: at the end (or in place), first, or after a column.</summary>
internal readonly record struct ColumnPlacement(bool First, string? After)
{
    public static ColumnPlacement Default => default;

    public bool IsDefault => !First && After is null;
}

/// <summary>A column as a statement declares it.</summary>
internal sealed record ColumnSpec(
    string Name,
    string DataType,
    string ColumnType,
    bool IsNullable,
    bool IsUnsigned,
    string? CharacterSet,
    bool IsText,
    IReadOnlyList<string>? Labels,
    bool IsPrimaryKey);

/// <summary>What one DDL statement does to the tables it names.</summary>
internal abstract record DdlChange;

internal sealed record CreateTableChange(
    TableName Table, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<string> PrimaryKey, string? DefaultCharacterSet)
    : DdlChange;

internal sealed record CreateTableLikeChange(TableName Table, TableName Source) : DdlChange;

internal sealed record AlterTableChange(TableName Table, IReadOnlyList<AlterAction> Actions) : DdlChange;

internal sealed record DropTableChange(TableName Table) : DdlChange;

internal sealed record RenameTableChange(TableName From, TableName To) : DdlChange;

internal sealed record TruncateTableChange(TableName Table) : DdlChange;

internal sealed record DropDatabaseChange(string Database) : DdlChange;

/// <summary>A statement about a table that the interpreter does not follow; the table is read again.</summary>
internal sealed record UnsupportedChange(TableName? Table, string Reason) : DdlChange;

/// <summary>One clause of ALTER TABLE.</summary>
internal abstract record AlterAction;

internal sealed record AddColumnAction(ColumnSpec Column, ColumnPlacement Placement, bool IfNotExists) : AlterAction;

internal sealed record DropColumnAction(string Name, bool IfExists) : AlterAction;

internal sealed record ModifyColumnAction(ColumnSpec Column, ColumnPlacement Placement) : AlterAction;

internal sealed record ChangeColumnAction(string OldName, ColumnSpec Column, ColumnPlacement Placement) : AlterAction;

internal sealed record RenameColumnAction(string OldName, string NewName) : AlterAction;

internal sealed record RenameTableAction(TableName NewName) : AlterAction;

internal sealed record SetPrimaryKeyAction(IReadOnlyList<string> Columns) : AlterAction;

internal sealed record DropPrimaryKeyAction : AlterAction;

internal sealed record ConvertCharacterSetAction(string CharacterSet) : AlterAction;

internal sealed record SetDefaultCharacterSetAction(string CharacterSet) : AlterAction;
