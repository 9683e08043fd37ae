using Apache.Arrow.Types;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Enrichment.Dimensions;

/// <summary>
/// The columns of a dimension table kept in its state, in record order, fixed when the first description of the
/// table is seen: every record of the table's state holds these values, so the layout cannot change while the
/// state lives. The primary key is always kept (it is the state's key, and tells a matched row from a missing
/// one).
/// </summary>
internal sealed class DimensionLayout
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.OrdinalIgnoreCase);

    private DimensionLayout(string table, IReadOnlyList<DimensionColumn> columns, int keyIndex,
        IReadOnlyList<DimensionColumn> allColumns)
    {
        Table = table;
        Columns = columns;
        KeyIndex = keyIndex;
        AllColumns = allColumns;
        for (var i = 0; i < columns.Count; i++)
        {
            _indexes[columns[i].Name] = i;
        }
    }

    /// <summary>The table, for messages.</summary>
    public string Table { get; }

    /// <summary>The kept columns, in record order.</summary>
    public IReadOnlyList<DimensionColumn> Columns { get; }

    /// <summary>The index of the primary key in <see cref="Columns"/>.</summary>
    public int KeyIndex { get; }

    /// <summary>The primary key column.</summary>
    public DimensionColumn Key => Columns[KeyIndex];

    /// <summary>Every column of the table when the layout was fixed, kept or not (for messages).</summary>
    public IReadOnlyList<DimensionColumn> AllColumns { get; }

    /// <summary>The index of a kept column, or -1.</summary>
    public int IndexOf(string name) => _indexes.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Whether the table has a column of that name, kept or not.</summary>
    public bool HasColumn(string name) =>
        AllColumns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The columns of a table described by <c>information_schema</c>.</summary>
    public static IReadOnlyList<DimensionColumn> ColumnsOf(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Columns.OrderBy(c => c.Ordinal).Select(c => new DimensionColumn(c.Name,
            SchemaColumns.TypeOf(c), c.IsPrimaryKey,
            string.Equals(c.DataType, "json", StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The columns of a table as a TABLE_MAP decoder describes them.</summary>
    public static IReadOnlyList<DimensionColumn> ColumnsOf(TableDecoder table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Columns.Select(c => new DimensionColumn(c.Name, RowImageAppender.ArrowTypeOf(c),
            c.IsPrimaryKey, c.Kind == ValueKind.Json))];
    }

    /// <summary>
    /// Fixes the layout of a table: its primary key and the requested columns that exist, in table order.
    /// </summary>
    /// <param name="table">The table, for messages.</param>
    /// <param name="columns">The table's columns.</param>
    /// <param name="requested">The columns rollups name.</param>
    /// <param name="error">Why no layout can be made: the table has no single-column integer primary key.</param>
    public static DimensionLayout? TryCreate(string table, IReadOnlyList<DimensionColumn> columns,
        IReadOnlySet<string> requested, out string? error)
    {
        var keys = columns.Where(c => c.IsPrimaryKey).ToList();
        if (keys.Count != 1 || !keys[0].IsInteger)
        {
            error = keys.Count switch
            {
                0 => $"{table} has no primary key (or the server did not say which): a joined table needs a " +
                     "single-column integer primary key",
                1 => $"the primary key {keys[0].Name} of {table} is not an integer column: a joined table needs a " +
                     "single-column integer primary key",
                _ => $"the primary key of {table} has {keys.Count} columns: a joined table needs a single-column " +
                     "integer primary key",
            };
            return null;
        }

        var kept = columns.Where(c => c.IsPrimaryKey || requested.Contains(c.Name)).ToList();
        error = null;
        return new DimensionLayout(table, kept, kept.FindIndex(c => c.IsPrimaryKey), columns);
    }

    /// <summary>Whether a column's type can be kept: JSON is refused, as a snapshot's text and the binlog's
    /// binary JSON do not give the same bytes.</summary>
    public static bool CanKeep(DimensionColumn column, out string? problem)
    {
        problem = column.IsJson
            ? $"the JSON column {column.Name} cannot be joined; extract a scalar into a generated column instead"
            : column.Type is BooleanType ? $"the column {column.Name} has a type that cannot be joined" : null;
        return problem is null;
    }
}
