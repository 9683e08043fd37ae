namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// The test table the dedicated generator drives, and the rollups over it: every aggregator the engine offers,
/// at minute, hour, day and month granularity, on a DATETIME column (a wall clock, bucketed as written) and on a
/// TIMESTAMP column (an instant) bucketed in Europe/Berlin.
/// </summary>
internal static class LedgerSchema
{
    public const string Table = "ledger";

    /// <summary>Text columns are ASCII with binary collation, so
    /// MariaDB orders and compares them as Druid does.</summary>
    public const string CreateTable = """
        CREATE TABLE ledger (
          id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          booked_at   DATETIME(6) NOT NULL,
          settled_at  TIMESTAMP(6) NOT NULL,
          region      VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
          channel     VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
          customer    INT UNSIGNED NOT NULL,
          qty         INT NULL,
          units       BIGINT NOT NULL,
          amount      DECIMAL(14,3) NOT NULL,
          score       DOUBLE NOT NULL,
          KEY ledger_booked (booked_at)
        ) ENGINE=InnoDB
        """;

    public static readonly string[] Regions = ["north", "south", "east", "west", "nord-ost"];

    public static readonly string[] Channels = ["web", "app", "store", "phone"];

    /// <summary>Every metric, with the source aggregate MariaDB computes for it.</summary>
    public static readonly IReadOnlyList<LedgerMetric> Metrics =
    [
        new("n", "COUNT(*)", "SUM(n)", "COUNT(*)", TruthKind.Exact),
        new("qty_n", "COUNT(qty)", "SUM(qty_n)", "COUNT(qty)", TruthKind.Exact),
        new("qty", "SUM(qty)", "SUM(qty)", "SUM(qty)", TruthKind.Exact),
        new("units", "SUM(units)", "SUM(units)", "SUM(units)", TruthKind.Exact),
        new("amount", "SUM(amount)", "SUM(amount)", "SUM(amount)", TruthKind.Exact),
        new("score", "SUM(score)", "SUM(score)", "SUM(score)", TruthKind.Exact),
        new("avg_amount", "AVG(amount)", "AVG(avg_amount)", "CONCAT(SUM(amount), '/', COUNT(amount))",
            TruthKind.Average),
        new("avg_qty", "AVG(qty)", "AVG(avg_qty)", "CONCAT(SUM(qty), '/', COUNT(qty))",
            TruthKind.Average),
        new("min_amount", "MIN(amount)", "MIN(min_amount)", "MIN(amount)", TruthKind.Exact),
        new("max_amount", "MAX(amount)", "MAX(max_amount)", "MAX(amount)", TruthKind.Exact),
        new("min_qty", "MIN(qty)", "MIN(min_qty)", "MIN(qty)", TruthKind.Exact),
        new("max_qty", "MAX(qty)", "MAX(max_qty)", "MAX(qty)", TruthKind.Exact),
        new("min_score", "MIN(score)", "MIN(min_score)", "MIN(score)", TruthKind.Exact),
        new("max_score", "MAX(score)", "MAX(max_score)", "MAX(score)", TruthKind.Exact),
        new("first_booked", "MIN(booked_at)", "MIN(first_booked)", "MIN(booked_at)", TruthKind.WallClock),
        new("last_booked", "MAX(booked_at)", "MAX(last_booked)", "MAX(booked_at)", TruthKind.WallClock),
        new("first_settled", "MIN(settled_at)", "MIN(first_settled)", "MIN(settled_at)", TruthKind.Instant),
        new("last_settled", "MAX(settled_at)", "MAX(last_settled)", "MAX(settled_at)", TruthKind.Instant),
        new("customers", "COUNT(DISTINCT customer)", "COUNT(DISTINCT customers)", "COUNT(DISTINCT customer)",
            TruthKind.Exact),
        new("approx_customers", "APPROX_COUNT_DISTINCT(customer)", "APPROX_COUNT_DISTINCT(approx_customers)",
            "COUNT(DISTINCT customer)", TruthKind.Exact),
        new("amount_sketch", "APPROX_QUANTILE_DS(amount, 0.5)", "APPROX_QUANTILE_DS(amount_sketch, 0.5)",
            "GROUP_CONCAT(amount ORDER BY amount SEPARATOR ',')", TruthKind.Median),
        new("score_sketch", "APPROX_QUANTILE_DS(score, 0.9)", "APPROX_QUANTILE_DS(score_sketch, 0.9)",
            "GROUP_CONCAT(score ORDER BY score SEPARATOR ',')", TruthKind.Quantile90),
    ];

    /// <summary>The rollups over the ledger.</summary>
    public static readonly IReadOnlyList<LedgerRollup> Rollups =
    [
        new("ledger_minute", "TIME_FLOOR(booked_at, 'PT1M')", TimeBasis.WallClock, "PT1M", ["region", "channel"]),
        new("ledger_hour", "TIME_FLOOR(booked_at, 'PT1H')", TimeBasis.WallClock, "PT1H", ["channel"]),
        new("ledger_day", "FLOOR(booked_at TO DAY)", TimeBasis.WallClock, "P1D", ["region"]),
        new("ledger_month", "DATE_TRUNC('month', booked_at)", TimeBasis.WallClock, "P1M", ["region", "channel"]),
        new("ledger_berlin_day", "TIME_FLOOR(settled_at, 'P1D', NULL, 'Europe/Berlin')", TimeBasis.Berlin, "P1D",
            ["channel"]),
        new("ledger_berlin_month", "TIME_FLOOR(settled_at, 'P1M')", TimeBasis.Berlin, "P1M", ["region"],
            ZoneOption: "Europe/Berlin"),
        new("ledger_wall_day", "TIME_FLOOR(booked_at, 'P1D')", TimeBasis.WallClock, "P1D", ["channel"],
            ZoneOption: "Europe/Berlin"),
        new("ledger_filtered", "TIME_FLOOR(booked_at, 'PT1H')", TimeBasis.WallClock, "PT1H", ["region"],
            Where: "channel <> 'phone' AND qty IS NOT NULL"),
    ];
}

/// <summary>How a rollup's time argument is bucketed: a wall clock as written, or an instant in Berlin.</summary>
internal enum TimeBasis
{
    WallClock,
    Berlin,
}

/// <summary>How an aggregate of MariaDB is compared with Monolith's.</summary>
internal enum TruthKind
{
    /// <summary>A dimension value: equal text, or both NULL.</summary>
    Text,

    /// <summary>A time bucket: Monolith's timestamp against MariaDB's epoch milliseconds.</summary>
    Bucket,

    /// <summary>Equal values: integers, exact decimals, doubles.</summary>
    Exact,

    /// <summary>
    /// An average: Monolith's double against MariaDB's exact sum and count (<c>sum/count</c> as text), to 1e-12
    /// relative; MariaDB's own AVG rounds to four more decimal places than its argument has.
    /// </summary>
    Average,

    /// <summary>A DATETIME: the wall clock as a UTC instant, to the millisecond.</summary>
    WallClock,

    /// <summary>A TIMESTAMP: the instant, to the millisecond.</summary>
    Instant,

    /// <summary>APPROX_QUANTILE at 0.5 against the sorted values, within the sketch's 1% relative error.</summary>
    Median,

    /// <summary>APPROX_QUANTILE at 0.9.</summary>
    Quantile90,
}

/// <summary>
/// A metric of the ledger rollups: its name, its definition over source rows, how a query re-aggregates it, and
/// the MariaDB aggregate over the source table that must agree.
/// </summary>
internal sealed record LedgerMetric(string Name, string Definition, string Query, string Truth, TruthKind Kind);

/// <summary>
/// A rollup over the ledger: its time bucketing, the period and basis MariaDB needs to bucket the same way, its
/// dimensions, and an optional configured time zone and filter.
/// </summary>
internal sealed record LedgerRollup(string Name, string TimeExpression, TimeBasis Basis, string Period,
    IReadOnlyList<string> Dimensions, string? ZoneOption = null, string? Where = null)
{
    public string Sql(string database)
    {
        var columns = string.Join(", ", Dimensions);
        var metrics = string.Join(", ", LedgerSchema.Metrics.Select(m => $"{m.Definition} AS {m.Name}"));
        var groups = string.Join(", ", Enumerable.Range(1, Dimensions.Count + 1));
        var where = Where is null ? "" : $" WHERE {Where}";
        return $"SELECT {TimeExpression} AS __time, {columns}, {metrics} FROM {database}.{LedgerSchema.Table}" +
               $"{where} GROUP BY {groups}";
    }
}
