using Monolith.Engine.Rollups;

namespace Monolith.Benchmarks.Pipeline;

/// <summary>The demo configuration's rollups over <c>shop.orders</c>, as <c>data/shop.json</c> declares them.</summary>
internal static class DemoRollups
{
    public const string OrdersPerMinute =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2";

    public const string RevenuePerHour =
        "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, country, currency, COUNT(*) AS orders, " +
        "SUM(total) AS revenue, SUM(discount) AS discounts, COUNT(DISTINCT user_id) AS customers " +
        "FROM shop.orders WHERE status <> 'cancelled' GROUP BY 1, 2, 3";

    public static IReadOnlyList<RollupDefinition> Definitions() =>
    [
        RollupDefinition.Parse("orders_per_minute", OrdersPerMinute),
        RollupDefinition.Parse("revenue_per_hour", RevenuePerHour),
    ];
}
