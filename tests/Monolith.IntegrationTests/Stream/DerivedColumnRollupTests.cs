using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// Derived columns as dimensions and as metric arguments (integer, exact DECIMAL and DOUBLE arithmetic, CASE,
/// COALESCE, NULLIF, string functions, JSON_VALUE on <c>products.attributes</c>, EXTRACT and casts) replayed
/// from the binlog equal MariaDB's evaluation of the same expressions. DECIMAL results are compared exactly,
/// DOUBLE sums to a relative 1e-9 (their order of addition differs).
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class DerivedColumnRollupTests(PrivateMariaDb server)
{
    private const string WallHour = "UNIX_TIMESTAMP(DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00')) * 1000";
    private const string WallDay = "UNIX_TIMESTAMP(DATE(created_at)) * 1000";

    private static IReadOnlyList<RollupCase> Cases { get; } =
    [
        new("order_size",
            "SELECT TIME_FLOOR(created_at, 'PT6H') AS __time, " +
            "CASE WHEN total > 100 THEN 'large' ELSE 'small' END AS size, COUNT(*) AS orders, " +
            "SUM(total - tax) AS net, SUM(total * 1.19) AS gross_up, SUM(item_count * 2 + 1) AS slots " +
            "FROM {db}.orders GROUP BY 1, 2",
            "SELECT FLOOR(UNIX_TIMESTAMP(created_at) / 21600) * 21600000, " +
            "CASE WHEN total > 100 THEN 'large' ELSE 'small' END, COUNT(*), SUM(total - tax), SUM(total * 1.19), " +
            "SUM(item_count * 2 + 1) FROM orders GROUP BY 1, 2"),
        new("order_market",
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, CONCAT(country, '-', currency) AS market, " +
            "COALESCE(coupon_code, 'none') AS coupon, COUNT(*) AS orders, " +
            "SUM(CAST(total AS DOUBLE) / item_count) AS per_item_double, SUM(total / item_count) AS per_item, " +
            "SUM(NULLIF(discount, 0)) AS discounts " +
            "FROM {db}.orders GROUP BY 1, 2, 3",
            $"SELECT {WallDay}, CONCAT(country, '-', currency), COALESCE(coupon_code, 'none'), COUNT(*), " +
            "SUM(CAST(total AS DOUBLE) / item_count), SUM(total / item_count), SUM(NULLIF(discount, 0)) " +
            "FROM orders GROUP BY 1, 2, 3"),
        new("order_text",
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, LOWER(status) AS status_lower, " +
            "UPPER(SUBSTRING(COALESCE(coupon_code, 'none'), 1, 3)) AS coupon_prefix, " +
            "TRIM(CONCAT('  ', country, ' ')) AS country_trimmed, COUNT(*) AS orders, " +
            "SUM(CHAR_LENGTH(cancel_reason)) AS reason_chars, " +
            "SUM(LENGTH(REPLACE(COALESCE(cancel_reason, ''), ' ', ''))) AS reason_letters " +
            "FROM {db}.orders GROUP BY 1, 2, 3, 4",
            $"SELECT {WallDay}, LOWER(status), UPPER(SUBSTRING(COALESCE(coupon_code, 'none'), 1, 3)), " +
            "TRIM(CONCAT('  ', country, ' ')), COUNT(*), SUM(CHAR_LENGTH(cancel_reason)), " +
            "SUM(LENGTH(REPLACE(COALESCE(cancel_reason, ''), ' ', ''))) FROM orders GROUP BY 1, 2, 3, 4"),
        new("order_hour_of_day",
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, EXTRACT(HOUR FROM created_at) AS hour_of_day, " +
            "COUNT(*) AS orders, " +
            "SUM(CASE status WHEN 'cancelled' THEN 0 WHEN 'refunded' THEN -total ELSE total END) AS kept " +
            "FROM {db}.orders GROUP BY 1, 2",
            $"SELECT {WallDay}, EXTRACT(HOUR FROM created_at), COUNT(*), " +
            "SUM(CASE status WHEN 'cancelled' THEN 0 WHEN 'refunded' THEN -total ELSE total END) " +
            "FROM orders GROUP BY 1, 2"),
        new("order_casts",
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, CAST(item_count AS CHAR) AS items_text, " +
            "CASE WHEN item_count > 2 THEN item_count ELSE 'few' END AS items_or_few, COUNT(*) AS orders, " +
            "SUM(CAST(total AS SIGNED)) AS whole_total, " +
            "SUM(CAST(discount AS DECIMAL(10, 1))) AS rounded_discount, SUM(CAST(coupon_code IS NULL AS SIGNED)) " +
            "AS without_coupon FROM {db}.orders GROUP BY 1, 2, 3",
            $"SELECT {WallDay}, CAST(item_count AS CHAR), CASE WHEN item_count > 2 THEN item_count ELSE 'few' END, " +
            "COUNT(*), SUM(CAST(total AS SIGNED)), SUM(CAST(discount AS DECIMAL(10, 1))), " +
            "SUM(CAST(coupon_code IS NULL AS SIGNED)) FROM orders GROUP BY 1, 2, 3"),
        new("item_value",
            "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, product_id % 5 AS product_group, COUNT(*) AS lines, " +
            "SUM(quantity) AS units, SUM(quantity * unit_price) AS gross, " +
            "SUM(quantity * unit_price * (1 - discount_rate)) AS net, SUM(line_total) AS line_total " +
            "FROM {db}.order_items GROUP BY 1, 2",
            $"SELECT {WallHour}, product_id % 5, COUNT(*), SUM(quantity), SUM(quantity * unit_price), " +
            "SUM(quantity * unit_price * (1 - discount_rate)), SUM(line_total) FROM order_items GROUP BY 1, 2"),
        new("product_attributes",
            "SELECT TIME_FLOOR(created_at, 'P1M') AS __time, JSON_VALUE(attributes, '$.colour') AS colour, " +
            "COALESCE(JSON_VALUE(attributes, '$.size'), '-') AS size, COUNT(*) AS products, SUM(stock) AS stock, " +
            "SUM(CAST(JSON_VALUE(attributes, '$.weight_g') AS SIGNED)) AS grams, SUM(price * stock) AS stock_value, " +
            "SUM(price / (1 + vat_rate)) AS net_price FROM {db}.products GROUP BY 1, 2, 3",
            "SELECT UNIX_TIMESTAMP(DATE_FORMAT(created_at, '%Y-%m-01')) * 1000, JSON_VALUE(attributes, '$.colour'), " +
            "COALESCE(JSON_VALUE(attributes, '$.size'), '-'), COUNT(*), SUM(stock), " +
            "SUM(CAST(JSON_VALUE(attributes, '$.weight_g') AS SIGNED)), SUM(price * stock), " +
            "SUM(price / (1 + vat_rate)) FROM products GROUP BY 1, 2, 3"),
        new("user_ages",
            "SELECT TIME_FLOOR(created_at, 'P1M') AS __time, country, marketing_opt_in AS opt_in, COUNT(*) AS users, " +
            "SUM(TIMESTAMPDIFF(YEAR, birth_date, created_at)) AS age_years, " +
            "SUM(CASE WHEN birth_date IS NULL THEN 1 ELSE 0 END) AS unknown_age FROM {db}.users GROUP BY 1, 2, 3",
            "SELECT UNIX_TIMESTAMP(DATE_FORMAT(created_at, '%Y-%m-01')) * 1000, country, marketing_opt_in, " +
            "COUNT(*), SUM(TIMESTAMPDIFF(YEAR, birth_date, created_at)), " +
            "SUM(CASE WHEN birth_date IS NULL THEN 1 ELSE 0 END) FROM users GROUP BY 1, 2, 3"),
    ];

    [Fact]
    public async Task Derived_dimensions_and_metric_arguments_equal_mariadb()
    {
        var shop = await StreamShop.GetAsync(server);

        await StreamRun.AssertAllEqualAsync(server, shop, Cases);
    }
}
