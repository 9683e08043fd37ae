namespace Monolith.Binlog.Text;

/// <summary>Row changes counted for one table.</summary>
/// <param name="Database">Database name.</param>
/// <param name="Table">Table name.</param>
/// <param name="Inserted">Rows inserted.</param>
/// <param name="Updated">Rows updated.</param>
/// <param name="Deleted">Rows deleted.</param>
public sealed record TableChangeCounts(string Database, string Table, long Inserted, long Updated, long Deleted);
