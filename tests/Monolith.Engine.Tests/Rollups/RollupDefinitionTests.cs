using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Rollups;

public sealed class RollupDefinitionTests
{
    private const string Demo =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2";

    [Fact]
    public void Parse_ExtractsSourceTimeDimensionsAndMetrics()
    {
        var definition = RollupDefinition.Parse("orders_per_minute", Demo);

        Assert.Equal("shop", definition.SourceDatabase);
        Assert.Equal("orders", definition.SourceTable);
        Assert.Equal("\"created_at\"", definition.TimeArgument.ToString());
        Assert.Equal("PT1M", definition.Granularity.Period.ToString());
        var dimension = Assert.Single(definition.Dimensions);
        Assert.Equal("status", dimension.Name);
        Assert.Collection(definition.Metrics,
            m =>
            {
                Assert.Equal("orders", m.Name);
                Assert.Equal(AggregatorKind.Count, m.Kind);
                Assert.Null(m.Argument);
            },
            m =>
            {
                Assert.Equal("revenue", m.Name);
                Assert.Equal(AggregatorKind.Sum, m.Kind);
                Assert.Equal("\"total\"", m.Argument!.ToString());
            });
        Assert.Null(definition.Where);
        Assert.Empty(definition.Joins);
    }

    [Theory]
    [InlineData("COUNT(*)", AggregatorKind.Count)]
    [InlineData("COUNT(x)", AggregatorKind.CountValues)]
    [InlineData("COUNT(DISTINCT x)", AggregatorKind.CountDistinct)]
    [InlineData("SUM(x)", AggregatorKind.Sum)]
    [InlineData("MIN(x)", AggregatorKind.Min)]
    [InlineData("MAX(x)", AggregatorKind.Max)]
    [InlineData("AVG(x)", AggregatorKind.Avg)]
    [InlineData("APPROX_COUNT_DISTINCT(x)", AggregatorKind.ApproxCountDistinct)]
    [InlineData("APPROX_COUNT_DISTINCT_DS_HLL(x)", AggregatorKind.ApproxCountDistinct)]
    [InlineData("APPROX_QUANTILE_DS(x, 0.95)", AggregatorKind.ApproxQuantile)]
    [InlineData("APPROX_QUANTILE(x, 0.5)", AggregatorKind.ApproxQuantile)]
    [InlineData("DS_QUANTILES_SKETCH(x)", AggregatorKind.ApproxQuantile)]
    public void Parse_RecognisesEveryAggregator(string aggregate, AggregatorKind kind)
    {
        var definition = RollupDefinition.Parse("r",
            $"SELECT FLOOR(t TO HOUR) AS __time, {aggregate} AS m FROM db.t GROUP BY 1");

        Assert.Equal(kind, Assert.Single(definition.Metrics).Kind);
    }

    [Theory]
    [InlineData("TIME_FLOOR(t, 'PT15M')", "PT15M", "UTC")]
    [InlineData("TIME_FLOOR(t, 'P1D', NULL, 'Europe/Berlin')", "P1D", "Europe/Berlin")]
    [InlineData("FLOOR(t TO DAY)", "P1D", "UTC")]
    [InlineData("DATE_TRUNC('week', t)", "P1W", "UTC")]
    [InlineData("TIME_FLOOR(t, 'PT1H', TIMESTAMP '2025-01-01 00:30:00')", "PT1H", "UTC")]
    public void Parse_DerivesTheGranularity(string floor, string period, string zone)
    {
        var definition = RollupDefinition.Parse("r", $"SELECT {floor} AS __time, COUNT(*) AS n FROM db.t GROUP BY 1");

        Assert.Equal(period, definition.Granularity.Period.ToString());
        Assert.Equal(zone, definition.Granularity.TimeZone.Id);
    }

    [Fact]
    public void Parse_UsesTheConfiguredTimeZoneWhenTimeFloorNamesNone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var definition = RollupDefinition.Parse("r",
            "SELECT FLOOR(t TO DAY) AS __time, COUNT(*) AS n FROM t GROUP BY 1",
            new RollupOptions { TimeZone = berlin, Retention = TimeSpan.FromDays(30) });

        Assert.Equal("Europe/Berlin", definition.Granularity.TimeZone.Id);
        Assert.Equal(TimeSpan.FromDays(30), definition.Retention);
        Assert.Null(definition.SourceDatabase);
    }

    [Fact]
    public void Parse_KeepsJoinsAndWhereAsSyntax()
    {
        var definition = RollupDefinition.Parse("by_category",
            "SELECT TIME_FLOOR(o.created_at, 'PT1H') AS __time, c.name AS category, SUM(o.total) AS revenue " +
            "FROM shop.orders o JOIN shop.products p ON o.product_id = p.id " +
            "LEFT JOIN shop.categories c ON p.category_id = c.id AND p.shop_id = c.shop_id " +
            "WHERE o.status <> 'cancelled' GROUP BY 1, 2");

        Assert.Equal(2, definition.Joins.Count);
        Assert.Equal("((\"o\".\"status\" <> 'cancelled'))".Trim('(', ')'), definition.Where!.ToString().Trim('(', ')'));
        Assert.Equal("category", Assert.Single(definition.Dimensions).Name);
        Assert.Equal("o", definition.Source.Alias);
    }

    [Theory]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, SUM(a, b) AS s FROM x.t GROUP BY 1",
        "rollup 'r': SUM needs one argument at line 1, column 41")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, SUM() AS s FROM x.t GROUP BY 1",
        "rollup 'r': SUM needs one argument at line 1, column 41")]
    [InlineData("SELECT t AS __time, COUNT(*) AS n FROM x.t GROUP BY 1",
        "rollup 'r': __time must be TIME_FLOOR(t, 'period'), FLOOR(t TO unit) or DATE_TRUNC('unit', t) at line 1, " +
            "column 8")]
    [InlineData("SELECT status, COUNT(*) AS n FROM x.t GROUP BY 1",
        "rollup 'r': a rollup needs a time column: TIME_FLOOR(t, 'period') AS __time at line 1, column 8")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1X') AS __time, COUNT(*) AS n FROM x.t GROUP BY 1",
        "rollup 'r': 'PT1X' is not an ISO-8601 period such as PT1M, PT1H, P1D, P1W, P1M or P1Y at line 1, column 22")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, status, COUNT(*) AS n FROM x.t GROUP BY 1",
        "rollup 'r': 'status' is not in GROUP BY; every non-aggregate column of a rollup must be grouped at line " +
            "1, column 41")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t GROUP BY 1, 2",
        "rollup 'r': GROUP BY may name only __time and dimensions of the select list, not a metric at line 1, " +
            "column 76")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t GROUP BY 1, 5",
        "rollup 'r': GROUP BY ordinal 5 is outside the select list of 2 columns at line 1, column 76")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, SUM(a) / COUNT(*) AS avg FROM x.t GROUP BY 1",
        "rollup 'r': SUM inside an expression: a rollup metric must be a single aggregate call (compute ratios and " +
            "sums of metrics at query time) at line 1, column 41")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) FROM x.t GROUP BY 1",
        "rollup 'r': COUNT needs a name for its metric (AS name) at line 1, column 41")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t WHERE SUM(a) > 1 GROUP BY 1",
        "rollup 'r': SUM is an aggregate and cannot appear in WHERE at line 1, column 70")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t GROUP BY 1 ORDER BY n",
        "rollup 'r': ORDER BY is not allowed in a rollup at line 1, column 84")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n, SUM(a) AS n FROM x.t GROUP BY 1",
        "rollup 'r': the column name 'n' is used twice at line 1, column 56")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t o JOIN y.u ON o.a > u.b GROUP BY 1",
        "rollup 'r': a join condition must compare columns with = (joined by AND), such as o.user_id = u.id at " +
            "line 1, column 78")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t o JOIN y.u ON o.a = v.b GROUP BY 1",
        "rollup 'r': 'v' is not a table of this rollup at line 1, column 84")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, APPROX_QUANTILE_DS(a, 2) AS q FROM x.t GROUP BY 1",
        "rollup 'r': APPROX_QUANTILE_DS probability must be a number between 0 and 1 at line 1, column 63")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) FILTER (WHERE a > 1) AS n FROM x.t GROUP BY 1",
        "rollup 'r': COUNT with FILTER is not supported in a rollup; aggregate a CASE expression instead at line " +
            "1, column 64")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, COUNT(*) AS n FROM x.t GROUP 1",
        "rollup 'r': expected BY but found '1' at line 1, column 70")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, * FROM x.t GROUP BY 1",
        "rollup 'r': a rollup lists its columns; * is not allowed at line 1, column 41")]
    [InlineData("SELECT TIME_FLOOR(t, 'PT1M') AS __time, UPPER(s), COUNT(*) AS n FROM x.t GROUP BY 1, 2",
        "rollup 'r': a dimension expression needs a name (AS name) at line 1, column 41")]
    public void Parse_NamesTheRollupTheProblemAndThePosition(string sql, string message)
    {
        var error = Assert.Throws<RollupDefinitionException>(() => RollupDefinition.Parse("r", sql));

        Assert.Equal(message, error.Message);
        Assert.Equal("r", error.Rollup);
    }

    [Fact]
    public void Parse_AcceptsGroupByExpressionsAndAliases()
    {
        var definition = RollupDefinition.Parse("r",
            "SELECT TIME_FLOOR(t, 'PT1M') AS __time, UPPER(s) AS s_upper, region, COUNT(*) AS n " +
            "FROM x.t GROUP BY TIME_FLOOR(t, 'PT1M'), s_upper, region");

        Assert.Equal(["s_upper", "region"], definition.Dimensions.Select(d => d.Name));
    }
}
