namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// One dashboard question asked three ways: Druid SQL over Monolith's rollups, and SQL over the raw rows for
/// MariaDB and for DuckDB. <paramref name="Ordered"/> says whether the row order is part of the answer (a
/// top-N or a series); otherwise rows are compared as sets.
/// </summary>
internal sealed record DashboardQuery(string Title, string Monolith, string MariaDb, string DuckDb, bool Ordered);
