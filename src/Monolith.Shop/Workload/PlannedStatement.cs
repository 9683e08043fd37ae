namespace Monolith.Shop.Workload;

/// <summary>
/// One statement of a transaction. <see cref="Table"/> is the index of the table whose rows it changes
/// (see <see cref="Schema.ShopSchema.Tables"/>), or -1 for a statement that changes no rows, such as SET.
/// </summary>
internal sealed record PlannedStatement(
    string Sql, int Table, RowOperation Operation, (string Name, object? Value)[] Parameters);
