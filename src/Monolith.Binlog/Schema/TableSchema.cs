namespace Monolith.Binlog.Schema;

/// <summary>
/// A table's columns as <c>information_schema</c> describes them at some point of the stream: the names and
/// declared types that the binlog's TABLE_MAP events do not carry unless the server writes full metadata.
/// </summary>
/// <param name="Database">Schema (database) name.</param>
/// <param name="Table">Table name.</param>
/// <param name="Columns">Columns in ordinal order; the first has ordinal 0.</param>
public sealed record TableSchema(string Database, string Table, IReadOnlyList<ColumnSchema> Columns);

/// <summary>One column of a <see cref="TableSchema"/>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Ordinal">Zero-based position in the table.</param>
/// <param name="DataType">The <c>DATA_TYPE</c> value, lower case: <c>int</c>, <c>decimal</c>, <c>enum</c>, ...</param>
/// <param name="ColumnType">The full <c>COLUMN_TYPE</c> text, e.g.
/// <c>bigint(20) unsigned</c> or <c>enum('a','b')</c>.</param>
/// <param name="IsNullable">Whether the column accepts NULL.</param>
/// <param name="IsUnsigned">Whether an integer or decimal column is declared UNSIGNED.</param>
/// <param name="CharacterSet">Character set of a text column (<c>utf8mb4</c>, <c>latin1</c>, ...), else null.</param>
/// <param name="Labels">The labels of an ENUM or SET column in declaration order, else null.</param>
/// <param name="IsPrimaryKey">Whether the column is part of the primary key.</param>
public sealed record ColumnSchema(
    string Name,
    int Ordinal,
    string DataType,
    string ColumnType,
    bool IsNullable,
    bool IsUnsigned,
    string? CharacterSet,
    IReadOnlyList<string>? Labels,
    bool IsPrimaryKey);
