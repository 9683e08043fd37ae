namespace Monolith.Engine.Enrichment;

/// <summary>A dimension table captured for joins, for <c>/status</c>.</summary>
/// <param name="Table">The table (<c>database.table</c>).</param>
/// <param name="Rows">Rows in its state.</param>
/// <param name="RowChanges">Row changes applied from the binlog.</param>
/// <param name="Inserts">Inserts applied.</param>
/// <param name="Updates">Updates applied.</param>
/// <param name="Deletes">Deletes applied.</param>
/// <param name="IgnoredRowChanges">Row changes that could not be applied (no usable primary key).</param>
/// <param name="ValuesTooLong">Text or binary values too long to keep, kept as NULL.</param>
/// <param name="Columns">The columns kept, the primary key first among them in table order.</param>
/// <param name="Problem">Why the table cannot be joined, or null.</param>
/// <param name="State">Its keyed state.</param>
public sealed record DimensionStatus(string Table, long Rows, long RowChanges, long Inserts, long Updates,
    long Deletes, long IgnoredRowChanges, long ValuesTooLong,
    IReadOnlyList<string> Columns, string? Problem, StoreStatus State);
