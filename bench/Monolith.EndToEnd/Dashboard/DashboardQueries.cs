using System.Globalization;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// The questions of <c>data/dashboard.sql</c> with fixed time ranges ending at the end of the loaded history,
/// so that the rollups, MariaDB and DuckDB answer the same question; plus the totals over everything and a
/// daily series over the whole history, the two that read every group. Time ranges are half-open,
/// <c>[from, to)</c>, in UTC: <c>created_at</c> is a wall-clock DATETIME the rollups bucket in UTC, and
/// <c>paid_at</c> a TIMESTAMP every engine reads in UTC.
/// </summary>
internal static class DashboardQueries
{
    public static IReadOnlyList<DashboardQuery> For(DateTime end)
    {
        var day = Range(end.AddDays(-1), end);
        var week = Range(end.AddDays(-7), end);
        var hour = Range(end.AddHours(-1), end);
        return
        [
            new DashboardQuery(
                "Revenue by status, one day",
                "SELECT status, SUM(orders) AS orders, SUM(revenue) AS revenue FROM orders_per_minute " +
                $"WHERE {day.Rollup} GROUP BY status",
                "SELECT CAST(status AS CHAR) AS status, COUNT(*) AS orders, SUM(total) AS revenue FROM shop.orders " +
                $"WHERE {day.Column("created_at")} GROUP BY status",
                "SELECT status, COUNT(*) AS orders, SUM(total) AS revenue FROM orders " +
                $"WHERE {day.Column("created_at")} GROUP BY status",
                Ordered: false),
            new DashboardQuery(
                "Top 5 countries by revenue, one week, without cancelled orders",
                "SELECT country, currency, SUM(orders) AS orders, SUM(revenue) AS revenue, " +
                "COUNT(DISTINCT customers) AS customers FROM revenue_per_hour " +
                $"WHERE {week.Rollup} GROUP BY country, currency ORDER BY revenue DESC, country, currency LIMIT 5",
                "SELECT country, currency, COUNT(*) AS orders, SUM(total) AS revenue, " +
                "COUNT(DISTINCT user_id) AS customers FROM shop.orders " +
                $"WHERE {week.Column("created_at")} AND status <> 'cancelled' GROUP BY country, currency " +
                "ORDER BY revenue DESC, country, currency LIMIT 5",
                "SELECT country, currency, COUNT(*) AS orders, SUM(total) AS revenue, " +
                "COUNT(DISTINCT user_id) AS customers FROM orders " +
                $"WHERE {week.Column("created_at")} AND status <> 'cancelled' GROUP BY country, currency " +
                "ORDER BY revenue DESC, country, currency LIMIT 5",
                Ordered: true),
            new DashboardQuery(
                "Orders per minute, last hour",
                "SELECT __time AS \"minute\", SUM(orders) AS orders, SUM(revenue) AS revenue FROM orders_per_minute " +
                $"WHERE {hour.Rollup} GROUP BY 1 ORDER BY 1",
                "SELECT created_at - INTERVAL SECOND(created_at) SECOND - INTERVAL MICROSECOND(created_at) " +
                "MICROSECOND AS minute, COUNT(*) AS orders, SUM(total) AS revenue FROM shop.orders " +
                $"WHERE {hour.Column("created_at")} GROUP BY 1 ORDER BY 1",
                "SELECT date_trunc('minute', created_at) AS minute, COUNT(*) AS orders, SUM(total) AS revenue " +
                $"FROM orders WHERE {hour.Column("created_at")} GROUP BY 1 ORDER BY 1",
                Ordered: true),
            new DashboardQuery(
                "Payment methods, one day",
                "SELECT method, SUM(payments) AS payments, SUM(amount) AS amount, MIN(min_amount) AS smallest, " +
                $"MAX(max_amount) AS largest FROM payments_per_minute WHERE {day.Rollup} GROUP BY method",
                "SELECT CAST(method AS CHAR) AS method, COUNT(*) AS payments, SUM(amount) AS amount, " +
                "MIN(amount) AS smallest, MAX(amount) AS largest FROM shop.payments " +
                $"WHERE {day.Column("paid_at")} GROUP BY method",
                "SELECT method, COUNT(*) AS payments, SUM(amount) AS amount, MIN(amount) AS smallest, " +
                $"MAX(amount) AS largest FROM payments WHERE {day.Column("paid_at")} GROUP BY method",
                Ordered: false),
            new DashboardQuery(
                "Top 5 products by units, one day",
                "SELECT product_id, SUM(units) AS units, SUM(lines) AS order_lines FROM items_per_hour " +
                $"WHERE {day.Rollup} GROUP BY product_id ORDER BY units DESC, product_id LIMIT 5",
                "SELECT product_id, SUM(quantity) AS units, COUNT(*) AS order_lines FROM shop.order_items " +
                $"WHERE {day.Column("created_at")} GROUP BY product_id ORDER BY units DESC, product_id LIMIT 5",
                "SELECT product_id, SUM(quantity) AS units, COUNT(*) AS order_lines FROM order_items " +
                $"WHERE {day.Column("created_at")} GROUP BY product_id ORDER BY units DESC, product_id LIMIT 5",
                Ordered: true),
            new DashboardQuery(
                "Orders and revenue, all time",
                "SELECT SUM(orders) AS orders, SUM(revenue) AS revenue FROM orders_per_minute",
                "SELECT COUNT(*) AS orders, SUM(total) AS revenue FROM shop.orders",
                "SELECT COUNT(*) AS orders, SUM(total) AS revenue FROM orders",
                Ordered: false),
            new DashboardQuery(
                "Revenue per day, all time",
                "SELECT TIME_FLOOR(__time, 'P1D') AS \"day\", SUM(orders) AS orders, SUM(revenue) AS revenue " +
                "FROM orders_per_minute GROUP BY 1 ORDER BY 1",
                "SELECT CAST(DATE(created_at) AS DATETIME) AS day, COUNT(*) AS orders, SUM(total) AS revenue " +
                "FROM shop.orders GROUP BY 1 ORDER BY 1",
                "SELECT CAST(date_trunc('day', created_at) AS TIMESTAMP) AS day, COUNT(*) AS orders, " +
                "SUM(total) AS revenue FROM orders GROUP BY 1 ORDER BY 1",
                Ordered: true),
        ];
    }

    /// <summary>The orders of the live phase's own data: what the dashboard's "last 10 minutes" shows.</summary>
    public static string LiveMinutes =>
        "SELECT TIME_FLOOR(__time, 'PT1M') AS \"minute\", SUM(orders) AS orders, SUM(revenue) AS revenue " +
        "FROM orders_per_minute WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '10' MINUTE GROUP BY 1 ORDER BY 1 DESC";

    private static TimeRange Range(DateTime from, DateTime to) => new(from, to);

    private readonly record struct TimeRange(DateTime From, DateTime To)
    {
        public string Rollup => $"__time >= TIMESTAMP '{Text(From)}' AND __time < TIMESTAMP '{Text(To)}'";

        public string Column(string name) => $"{name} >= '{Text(From)}' AND {name} < '{Text(To)}'";

        private static string Text(DateTime value) =>
            value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
