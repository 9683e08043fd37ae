using Monolith.Engine.Query;

namespace Monolith.Engine.Tests.Query;

public sealed class SqlQueryTests
{
    private readonly ShopFixture _shop = new();

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, SUM(revenue) AS revenue, SUM(items) AS items FROM orders",
        """[{"n":9,"revenue":449.12,"items":20}]""")]
    [InlineData("SELECT COUNT(*) FROM druid.orders WHERE status = 'nothing'", """[{"EXPR$0":0}]""")]
    [InlineData("SELECT SUM(revenue) AS r FROM orders WHERE status = 'nothing'", """[{"r":null}]""")]
    [InlineData("SELECT status, COUNT(*) AS orders, SUM(revenue) AS revenue FROM orders GROUP BY status ORDER BY " +
        "revenue DESC",
        """[{"status":"paid","orders":6,"revenue":388.50},{"status":"new","orders":2,"revenue":55.37},""" +
            """{"status":"cancelled","orders":1,"revenue":5.25}]""")]
    [InlineData("SELECT status, COUNT(*) AS orders FROM orders GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2",
        """[{"status":"paid","orders":6},{"status":"new","orders":2}]""")]
    [InlineData("SELECT status, COUNT(*) AS orders FROM orders GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2 OFFSET 1",
        """[{"status":"new","orders":2},{"status":"cancelled","orders":1}]""")]
    [InlineData("SELECT TIME_FLOOR(__time, 'P1D') AS \"day\", SUM(revenue) AS revenue, COUNT(*) AS orders FROM " +
        "orders GROUP BY 1",
        """[{"day":"2025-11-27T00:00:00.000Z","revenue":35.75,"orders":3},""" +
            """{"day":"2025-11-28T00:00:00.000Z","revenue":163.37,"orders":5},""" +
            """{"day":"2025-11-29T00:00:00.000Z","revenue":250.00,"orders":1}]""")]
    [InlineData("SELECT FLOOR(__time TO DAY) AS d, COUNT(*) AS n FROM orders WHERE __time >= TIMESTAMP '2025-11-28 " +
        "00:00:00' GROUP BY 1",
        """[{"d":"2025-11-28T00:00:00.000Z","n":5},{"d":"2025-11-29T00:00:00.000Z","n":1}]""")]
    [InlineData("SELECT __time, SUM(revenue) AS revenue FROM orders WHERE __time BETWEEN TIMESTAMP '2025-11-28 " +
        "01:00:00' AND '2025-11-28 02:00:00' GROUP BY __time",
        """[{"__time":"2025-11-28T01:00:00.000Z","revenue":142.99},""" +
            """{"__time":"2025-11-28T02:00:00.000Z","revenue":7.01}]""")]
    [InlineData("SELECT EXTRACT(HOUR FROM __time) AS h, COUNT(*) AS n FROM orders GROUP BY 1 ORDER BY n DESC, h " +
        "LIMIT 2",
        """[{"h":1,"n":3},{"h":9,"n":2}]""")]
    [InlineData("SELECT country, SUM(revenue) AS revenue FROM orders WHERE country IS NOT NULL AND status IN " +
        "('paid', 'cancelled') GROUP BY country",
        """[{"country":"DE","revenue":37.51},{"country":"FR","revenue":250.00},{"country":"US","revenue":106.24}]""")]
    [InlineData("SELECT country, COUNT(*) AS n FROM orders GROUP BY country",
        """[{"country":null,"n":1},{"country":"DE","n":4},{"country":"FR","n":1},{"country":"US","n":3}]""")]
    [InlineData("SELECT COUNT(country) AS with_country, COUNT(*) AS all_rows FROM orders",
        """[{"with_country":8,"all_rows":9}]""")]
    [InlineData("SELECT status FROM orders WHERE status LIKE 'p%' OR status LIKE '_ew' GROUP BY status",
        """[{"status":"new"},{"status":"paid"}]""")]
    [InlineData("SELECT DISTINCT status FROM orders WHERE NOT (status = 'paid')",
        """[{"status":"cancelled"},{"status":"new"}]""")]
    [InlineData("SELECT status, SUM(revenue) AS r FROM orders GROUP BY status HAVING SUM(revenue) > 50 ORDER BY r",
        """[{"status":"new","r":55.37},{"status":"paid","r":388.50}]""")]
    [InlineData("SELECT status, SUM(revenue) AS r FROM orders GROUP BY status HAVING r < 50",
        """[{"status":"cancelled","r":5.25}]""")]
    [InlineData("SELECT MIN(min_total) AS lo, MAX(max_total) AS hi, AVG(avg_total) AS mean FROM orders WHERE " +
        "status = 'paid'",
        """[{"lo":0.99,"hi":250.00,"mean":64.75}]""")]
    [InlineData("SELECT COUNT(DISTINCT users) AS users, APPROX_COUNT_DISTINCT(approx_users) AS approx, " +
        "APPROX_COUNT_DISTINCT(users) AS from_exact FROM orders",
        """[{"users":6,"approx":6,"from_exact":6}]""")]
    [InlineData("SELECT COUNT(DISTINCT users) AS users FROM orders WHERE status = 'paid'", """[{"users":3}]""")]
    [InlineData("SELECT COUNT(DISTINCT country) AS countries, COUNT(DISTINCT status) AS statuses FROM orders",
        """[{"countries":3,"statuses":3}]""")]
    [InlineData("SELECT SUM(revenue) / COUNT(*) AS per_order, SUM(items) * 2 AS doubled, SUM(revenue) - 49.12 AS " +
        "diff FROM orders",
        """[{"per_order":49.90222222222222,"doubled":40,"diff":400.00}]""")]
    [InlineData("SELECT SUM(revenue) FILTER (WHERE status = 'paid') AS paid, SUM(revenue) FILTER (WHERE status <> " +
        "'paid') AS other FROM orders",
        """[{"paid":388.50,"other":60.62}]""")]
    [InlineData("SELECT MIN(__time) AS first, MAX(__time) AS last FROM orders",
        """[{"first":"2025-11-27T09:00:00.000Z","last":"2025-11-29T00:00:00.000Z"}]""")]
    [InlineData("SELECT UPPER(status) AS s, LENGTH(status) AS l FROM orders GROUP BY status ORDER BY s",
        """[{"s":"CANCELLED","l":9},{"s":"NEW","l":3},{"s":"PAID","l":4}]""")]
    [InlineData("SELECT CASE WHEN status = 'paid' THEN 'good' ELSE 'other' END AS kind, COUNT(*) AS n FROM orders " +
        "GROUP BY 1",
        """[{"kind":"good","n":6},{"kind":"other","n":3}]""")]
    [InlineData("SELECT APPROX_QUANTILE_DS(median_total, 0.5) AS median FROM orders WHERE country = 'DE'",
        """[{"median":10.074696689511331}]""")]
    [InlineData("SELECT 1 + 1 AS two, 'x' || 'y' AS xy, CAST('12.5' AS DECIMAL(5, 2)) AS d, 7 / 2 AS div, 7 % 3 AS m",
        """[{"two":2,"xy":"xy","d":12.50,"div":3,"m":1}]""")]
    [InlineData("SELECT CURRENT_TIMESTAMP AS now, CURRENT_TIMESTAMP - INTERVAL '1' DAY AS yesterday",
        """[{"now":"2025-11-28T12:00:00.000Z","yesterday":"2025-11-27T12:00:00.000Z"}]""")]
    [InlineData("SELECT COUNT(*) AS n FROM orders WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '12' HOUR",
        """[{"n":6}]""")]
    [InlineData("SELECT TIME_FORMAT(__time, 'yyyy-MM-dd HH') AS h, SUM(items) AS items FROM orders WHERE country = " +
        "'US' GROUP BY 1",
        """[{"h":"2025-11-27 10","items":1},{"h":"2025-11-28 01","items":4}]""")]
    public void Sql_ReturnsExactDruidShapedRows(string sql, string expected)
    {
        Assert.Equal(expected, _shop.Json(sql));
    }

    [Fact]
    public void Scan_ReturnsStoredRowsWithFinalisedMetricsInTimeOrder()
    {
        Assert.Equal(
            """[{"__time":"2025-11-27T09:00:00.000Z","status":"paid","orders":2,"revenue":30.50,""" +
            "\"avg_total\":15.25,\"users\":2}," +
            """{"__time":"2025-11-27T10:00:00.000Z","status":"cancelled","orders":1,"revenue":5.25,""" +
            "\"avg_total\":5.25,\"users\":1}]",
            _shop.Json("SELECT __time, status, orders, revenue, avg_total, users FROM orders LIMIT 2"));
        Assert.Equal("""[{"status":"new","revenue":42.00}]""",
            _shop.Json("SELECT status, revenue FROM orders WHERE country IS NULL"));
        var all = _shop.Engine.ExecuteSql("SELECT * FROM orders");
        Assert.Equal(7, all.RowCount);
        Assert.Equal(["__time", "status", "country", "orders", "revenue", "min_total", "max_total", "avg_total",
            "users",
            "approx_users", "items", "median_total"], all.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Parameters_BindPositionally()
    {
        Assert.Equal("""[{"n":6}]""", _shop.Json("SELECT COUNT(*) AS n FROM orders WHERE status = ?", "paid"));
        Assert.Equal("""[{"n":4}]""", _shop.Json(
            "SELECT COUNT(*) AS n FROM orders WHERE status = ? AND __time >= ? LIMIT ?",
            "paid", new DateTimeOffset(2025, 11, 28, 1, 0, 0, TimeSpan.Zero), 5));
        var error = Assert.Throws<QueryException>(() => _shop.Json("SELECT COUNT(*) FROM orders WHERE status = ?"));
        Assert.Equal("the statement has 1 ? parameters but 0 values were given", error.Message);
    }

    [Fact]
    public void RollupWithoutData_AnswersEmptyAggregatesAndScans()
    {
        var store = new Engine.Rollups.RollupStore();
        store.Add("empty", ShopFixture.Sql);
        var engine = new QueryEngine(store);

        Assert.Equal("""[{"n":0,"r":null,"u":0}]""", ShopFixture.Format(
            engine.ExecuteSql("SELECT COUNT(*) AS n, SUM(revenue) AS r, COUNT(DISTINCT users) AS u FROM empty"),
            Engine.Query.Results.SqlResultFormat.Object));
        Assert.Equal("[]", ShopFixture.Format(engine.ExecuteSql("SELECT status, COUNT(*) FROM empty GROUP BY 1"),
            Engine.Query.Results.SqlResultFormat.Object));
        Assert.Equal("[]", ShopFixture.Format(engine.ExecuteSql("SELECT * FROM empty"),
            Engine.Query.Results.SqlResultFormat.Object));
    }

    [Fact]
    public void PinnedVersions_DoNotSeeUncommittedChanges()
    {
        _shop.Rollup.Apply(ShopFixture.Batch([(ShopFixture.Orders[0], -1)]));
        Assert.Equal("""[{"n":9}]""", _shop.Json("SELECT COUNT(*) AS n FROM orders"));
        _shop.Rollup.Commit("next");
        Assert.Equal("""[{"n":8}]""", _shop.Json("SELECT COUNT(*) AS n FROM orders"));
    }

    [Theory]
    [InlineData("SELECT COUNT(*) FROM orders WHERE",
        "Expected an expression but found end of input at line 1, column 34", 1, 34)]
    [InlineData("SELECT status,\n  SUM(revenue FROM orders", "Expected ')' but found 'FROM' at line 2, column 15", 2,
        15)]
    [InlineData("SELECT nope FROM orders", "Column 'nope' not found in table 'orders' at line 1, column 8", 1, 8)]
    [InlineData("SELECT COUNT(*) FROM missing", "Object 'missing' not found at line 1, column 22", 1, 22)]
    [InlineData("SELECT COUNT(*) FROM shop.orders", "Object 'shop.orders' not found at line 1, column 22", 1, 22)]
    [InlineData("SELECT status, COUNT(*) FROM orders",
        "Expression 'status' is not being grouped; add it to GROUP BY or aggregate it at line 1, column 8", 1, 8)]
    [InlineData("SELECT status + 1 FROM orders", "Cannot apply '+' to VARCHAR \"status\" at line 1, column 8", 1, 8)]
    [InlineData("SELECT COUNT(*) FROM orders WHERE status = 1",
        "Cannot apply '=' to arguments of type VARCHAR and BIGINT at line 1, column 35", 1, 35)]
    [InlineData("SELECT COUNT(*) FROM orders WHERE revenue > 10",
        "WHERE cannot read metric 'revenue' of a rollup; aggregate it (and filter the aggregate in HAVING) at line " +
            "1, column 35", 1, 35)]
    [InlineData("SELECT status FROM orders GROUP BY status HAVING status",
        "HAVING must be a condition, but \"status\" is VARCHAR at line 1, column 50", 1, 50)]
    [InlineData("SELECT COUNT(*) FROM orders WHERE __time > 'yesterday'",
        "'yesterday' is not a timestamp such as '2025-11-28 01:00:00' at line 1, column 44", 1, 44)]
    [InlineData("SELECT NOSUCH(status) FROM orders",
        "No match found for function signature NOSUCH at line 1, column 8", 1, 8)]
    [InlineData("SELECT COUNT(*) FROM orders o JOIN users u ON o.user_id = u.id",
        "JOIN is not supported in queries; declare joins in the rollup definition at line 1, column 31", 1, 31)]
    [InlineData("SELECT SUM(revenue + 1) FROM orders",
        "the argument of SUM over a rollup must be one of its columns, not (\"revenue\" + 1) at line 1, column 12", 1,
            12)]
    [InlineData("SELECT x.status FROM orders o", "Table 'x' not found at line 1, column 8", 1, 8)]
    public void BadQueries_FailWithPositionedErrors(string sql, string message, int line, int column)
    {
        var error = Assert.Throws<QueryException>(() => _shop.Engine.ExecuteSql(sql));
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(400, error.HttpStatus);
    }

    [Theory]
    [InlineData("SELECT AVG(revenue) FROM orders",
        "AVG(\"revenue\") would average the rollup's per-bucket sums, not the source rows; write SUM(revenue) / " +
            "COUNT(*) or declare AVG in the rollup at line 1, column 8")]
    [InlineData("SELECT SUM(max_total) FROM orders",
        "SUM(\"max_total\"): 'max_total' is a MAX metric and cannot be combined with SUM exactly at line 1, column 8")]
    [InlineData("SELECT MAX(min_total) FROM orders",
        "MAX(\"min_total\"): 'min_total' is a MIN metric and cannot be combined with MAX exactly at line 1, column 8")]
    [InlineData("SELECT COUNT(DISTINCT approx_users) FROM orders",
        "COUNT(DISTINCT \"approx_users\"): metric 'approx_users' is an approximate sketch (APPROX_COUNT_DISTINCT); " +
            "use APPROX_COUNT_DISTINCT(approx_users) at line 1, column 8")]
    [InlineData("SELECT COUNT(revenue) FROM orders",
        "COUNT(\"revenue\"): 'revenue' is a metric; COUNT(*) counts source rows and SUM of a COUNT metric adds its " +
            "counts at line 1, column 8")]
    [InlineData("SELECT TIME_FLOOR(__time, 'PT15M') AS t, COUNT(*) FROM orders GROUP BY 1",
        "TIME_FLOOR(\"__time\", 'PT15M') splits the buckets of rollup 'orders' (PT1H): the bucket starting " +
            "2025-11-27T09:00:00.000Z would have to be divided, so the answer would not be exact; group by a " +
                "granularity the rollup's buckets fit into")]
    [InlineData("SELECT TIME_FLOOR(__time, 'PT1H', NULL, 'Asia/Kolkata') AS t, COUNT(*) FROM orders GROUP BY 1",
        "TIME_FLOOR(\"__time\", 'PT1H', NULL, 'Asia/Kolkata') splits the buckets of rollup 'orders' (PT1H): the " +
            "bucket starting 2025-11-27T09:00:00.000Z would have to be divided, so the answer would not be exact; " +
                "group by a granularity the rollup's buckets fit into")]
    [InlineData("SELECT EXTRACT(MINUTE FROM __time) AS m, COUNT(*) FROM orders GROUP BY 1",
        "EXTRACT(MINUTE FROM \"__time\") splits the buckets of rollup 'orders' (PT1H): the bucket starting " +
            "2025-11-27T09:00:00.000Z would have to be divided, so the answer would not be exact; group by a " +
                "granularity the rollup's buckets fit into")]
    [InlineData("SELECT revenue, COUNT(*) FROM orders GROUP BY revenue",
        "GROUP BY cannot read metric 'revenue' of a rollup; aggregate it (and filter the aggregate in HAVING) at " +
            "line 1, column 47")]
    public void QuestionsTheRollupCannotAnswerExactly_AreRefused(string sql, string message)
    {
        var error = Assert.Throws<QueryException>(() => _shop.Engine.ExecuteSql(sql));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void QueryException_WritesDruidErrorJson()
    {
        var error = Assert.Throws<QueryException>(() => _shop.Engine.ExecuteSql("SELECT COUNT(x FROM orders"));
        Assert.Equal(
            "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\"," +
            "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Expected ')' but found 'FROM' at line 1, column 16\"," +
            "\"context\":{\"sourceType\":\"sql\",\"line\":\"1\",\"column\":\"16\"}}",
            error.ToDruidErrorJson());
    }
}
