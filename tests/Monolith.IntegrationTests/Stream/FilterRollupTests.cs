using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// Rollups with WHERE clauses (comparisons, IN, BETWEEN, LIKE, IS NULL, AND/OR/NOT and SQL's three-valued
/// logic) replayed from the binlog of a workload with updates and deletes equal MariaDB's own evaluation of the
/// same filter. Every case groups orders by wall-clock hour and status and sums their totals.
/// </summary>
/// <remarks>
/// Text comparisons stay case-exact here: the data holds no two values that differ only in case, because the
/// change batches do not carry a column's collation and the kernels compare bytes (see
/// <c>SqlExpressionBinderCollationTests</c> for what the binder does once they do).
/// </remarks>
[Collection(MariaDbCollection.Name)]
public sealed class FilterRollupTests(PrivateMariaDb server)
{
    private static readonly (string Name, string Where)[] s_filters =
    [
        ("large_open", "total > 100 AND status <> 'cancelled'"),
        ("in_list", "status IN ('paid', 'shipped', 'delivered')"),
        ("not_in_and_in", "status NOT IN ('cancelled', 'refunded') AND country IN ('DE', 'AT', 'CH', 'FR')"),
        ("between_decimal", "total BETWEEN 20 AND 80.50"),
        ("not_between", "NOT (total BETWEEN 20 AND 80) AND item_count >= 2"),
        ("like_prefix_or_underscore", "coupon_code LIKE 'VIP%' OR coupon_code LIKE '%1_'"),
        ("not_like", "coupon_code NOT LIKE '%10'"),
        ("is_null", "coupon_code IS NULL"),
        ("is_not_null_and_not", "coupon_code IS NOT NULL AND NOT (status = 'pending')"),
        ("null_is_not_true", "NOT (coupon_code = 'FREESHIP')"),
        ("timestamps_null_or_set", "paid_at IS NULL OR shipped_at IS NOT NULL"),
        ("and_over_or", "coupon_code IN ('VIP20', 'FREESHIP') OR coupon_code IS NULL AND total > 50"),
        ("parenthesised_or", "(discount > 0 OR shipping_fee = 0) AND currency <> 'EUR'"),
        ("datetime_range", "created_at >= '2024-03-31 00:00:00' AND created_at < '2024-03-31 06:00:00'"),
        ("timestamp_literal_utc", "paid_at < '2024-03-31 01:30:00'"),
        ("like_infix", "cancel_reason LIKE '%stock%'"),
        ("derived_equality", "subtotal - discount + shipping_fee = total"),
        ("enum_like_and_not", "status LIKE 'p%' AND NOT country = 'DE'"),
        ("integer_modulo", "user_id % 3 = 0 OR total < 10"),
        ("function_in_filter", "CHAR_LENGTH(cancel_reason) > 20"),
        ("unsigned_against_negative", "item_count > -1 AND item_count <> 3"),
    ];

    private static IReadOnlyList<RollupCase> Cases { get; } =
    [
        .. s_filters.Select(f => new RollupCase(
            f.Name,
            "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
            $"FROM {{db}}.orders WHERE {f.Where} GROUP BY 1, 2",
            "SELECT UNIX_TIMESTAMP(DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00')) * 1000, status, COUNT(*), " +
            $"SUM(total) FROM orders WHERE {f.Where} GROUP BY 1, 2")),
    ];

    [Fact]
    public async Task Filtered_rollups_equal_mariadb_after_updates_and_deletes()
    {
        var shop = await StreamShop.GetAsync(server);

        await StreamRun.AssertAllEqualAsync(server, shop, Cases);
    }
}
