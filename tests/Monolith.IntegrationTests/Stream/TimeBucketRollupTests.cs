using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// Time bucketing replayed from the binlog equals MariaDB's: a TIMESTAMP (an instant) bucketed on the Europe/Berlin
/// wall clock through the rollup's TimeZone option or TIME_FLOOR's own zone argument, over the night of
/// 2024-03-31 when Berlin's clocks go from 02:00 to 03:00 (a day of 23 hours), evaluated by MariaDB in a session
/// whose <c>time_zone</c> is Europe/Berlin; a DATETIME (a wall clock) bucketed as written whatever the rollup's
/// zone; and a DATE. The shop's payments include rows a microsecond either side of Berlin's midnight and of the
/// clock change.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class TimeBucketRollupTests(PrivateMariaDb server)
{
    private const string Payments = "method, COUNT(*) AS payments, SUM(amount) AS amount, MIN(amount) AS smallest, " +
        "MAX(amount) AS largest FROM {db}.payments GROUP BY 1, 2";

    private const string PaymentsTruth = "method, COUNT(*), SUM(amount), MIN(amount), MAX(amount) FROM payments " +
        "GROUP BY 1, 2";

    private static IReadOnlyList<RollupCase> Cases { get; } =
    [
        new("timestamp_berlin_day",
            $"SELECT TIME_FLOOR(paid_at, 'P1D') AS __time, {Payments}",
            $"SELECT UNIX_TIMESTAMP(DATE(paid_at)) * 1000, {PaymentsTruth}",
            SessionZone: StreamShop.Zone, RollupZone: StreamShop.Zone, MinGroups: 9),
        new("timestamp_berlin_hour",
            $"SELECT TIME_FLOOR(paid_at, 'PT1H') AS __time, {Payments}",
            $"SELECT UNIX_TIMESTAMP(DATE_FORMAT(paid_at, '%Y-%m-%d %H:00:00')) * 1000, {PaymentsTruth}",
            SessionZone: StreamShop.Zone, RollupZone: StreamShop.Zone, MinGroups: 60),
        new("timestamp_berlin_week",
            $"SELECT TIME_FLOOR(paid_at, 'P1W') AS __time, {Payments}",
            $"SELECT UNIX_TIMESTAMP(DATE(paid_at) - INTERVAL WEEKDAY(paid_at) DAY) * 1000, {PaymentsTruth}",
            SessionZone: StreamShop.Zone, RollupZone: StreamShop.Zone, MinGroups: 8),
        new("timestamp_zone_argument",
            "SELECT TIME_FLOOR(paid_at, 'P1D', NULL, 'Europe/Berlin') AS __time, status, COUNT(*) AS orders, " +
            "SUM(total) AS revenue FROM {db}.orders WHERE paid_at IS NOT NULL GROUP BY 1, 2",
            "SELECT UNIX_TIMESTAMP(DATE(paid_at)) * 1000, status, COUNT(*), SUM(total) FROM orders " +
            "WHERE paid_at IS NOT NULL GROUP BY 1, 2",
            SessionZone: StreamShop.Zone, MinGroups: 6),
        new("timestamp_utc_day",
            $"SELECT TIME_FLOOR(paid_at, 'P1D') AS __time, {Payments}",
            $"SELECT UNIX_TIMESTAMP(DATE(paid_at)) * 1000, {PaymentsTruth}",
            MinGroups: 9),
        new("datetime_day_ignores_zone",
            "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
            "FROM {db}.orders GROUP BY 1, 2",
            "SELECT UNIX_TIMESTAMP(DATE(created_at)) * 1000, status, COUNT(*), SUM(total) FROM orders GROUP BY 1, 2",
            RollupZone: StreamShop.Zone, MinGroups: 9),
        new("datetime_quarter_hour",
            "SELECT TIME_FLOOR(created_at, 'PT15M') AS __time, country, COUNT(*) AS orders, SUM(total) AS revenue " +
            "FROM {db}.orders GROUP BY 1, 2",
            "SELECT FLOOR(UNIX_TIMESTAMP(created_at) / 900) * 900000, country, COUNT(*), SUM(total) FROM orders " +
            "GROUP BY 1, 2",
            MinGroups: 100),
        new("date_year",
            "SELECT TIME_FLOOR(birth_date, 'P1Y') AS __time, country, COUNT(*) AS users FROM {db}.users " +
            "WHERE birth_date IS NOT NULL GROUP BY 1, 2",
            "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', MAKEDATE(YEAR(birth_date), 1)) * 1000, country, COUNT(*) " +
            "FROM users WHERE birth_date IS NOT NULL GROUP BY 1, 2",
            MinGroups: 20),
    ];

    [Fact]
    public async Task Time_buckets_equal_mariadb_across_the_daylight_saving_change()
    {
        var shop = await StreamShop.GetAsync(server);

        await StreamRun.AssertAllEqualAsync(server, shop, Cases);
    }
}
