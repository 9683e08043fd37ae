using System.Diagnostics;
using DuckDB.NET.Data;
using MySqlConnector;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// Copies the columns the dashboard reads from MariaDB into DuckDB tables, streaming rows from one reader into
/// DuckDB's appender. Not part of any timing: DuckDB then answers from its own columnar copy, its best case.
/// </summary>
internal static class DuckDbCopy
{
    private sealed record Table(
        string Name, string Create, string Select, Action<MySqlDataReader, IDuckDBAppenderRow> Append);

    private static readonly Table[] s_tables =
    [
        new("orders",
            "CREATE TABLE orders (user_id BIGINT, status VARCHAR, country VARCHAR, currency VARCHAR, " +
            "total DECIMAL(12,2), created_at TIMESTAMP)",
            "SELECT user_id, CAST(status AS CHAR), country, currency, total, created_at FROM shop.orders",
            static (r, row) => row.AppendValue((long)r.GetUInt64(0)).AppendValue(r.GetString(1))
                .AppendValue(r.GetString(2)).AppendValue(r.GetString(3)).AppendValue(r.GetDecimal(4))
                .AppendValue(r.GetDateTime(5)).EndRow()),
        new("payments",
            "CREATE TABLE payments (method VARCHAR, amount DECIMAL(12,2), paid_at TIMESTAMP)",
            "SELECT CAST(method AS CHAR), amount, paid_at FROM shop.payments",
            static (r, row) => row.AppendValue(r.GetString(0)).AppendValue(r.GetDecimal(1))
                .AppendValue(r.GetDateTime(2)).EndRow()),
        new("order_items",
            "CREATE TABLE order_items (product_id BIGINT, quantity INTEGER, created_at TIMESTAMP)",
            "SELECT product_id, quantity, created_at FROM shop.order_items",
            static (r, row) => row.AppendValue((long)r.GetUInt64(0)).AppendValue((int)r.GetUInt16(1))
                .AppendValue(r.GetDateTime(2)).EndRow()),
    ];

    /// <summary>Creates and fills the tables; returns the rows copied.</summary>
    public static long Copy(MySqlConnection source, DuckDBConnection target, TextWriter log)
    {
        long total = 0;
        foreach (var table in s_tables)
        {
            var started = Stopwatch.GetTimestamp();
            using (var create = target.CreateCommand())
            {
                create.CommandText = table.Create;
                create.ExecuteNonQuery();
            }

            long rows = 0;
            using (var command = new MySqlCommand(table.Select, source) { CommandTimeout = 3600 })
            using (var reader = command.ExecuteReader())
            using (var appender = target.CreateAppender(table.Name))
            {
                while (reader.Read())
                {
                    table.Append(reader, appender.CreateRow());
                    rows++;
                }
            }

            log.WriteLine($"duckdb: copied {rows:N0} rows of {table.Name} in {Stopwatch.GetElapsedTime(started):g}");
            total += rows;
        }

        return total;
    }
}
