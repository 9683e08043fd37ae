using Monolith.Engine.Query;
using Monolith.Engine.Sql;

namespace Monolith.Engine.Tests.Query;

/// <summary>
/// Queries as Druid's own clients write them (plywood's native and SQL engines, Turnilo and Superset through
/// them): time splits as timeFormat extraction dimensions, arithmetic as expression post-aggregators, grand totals
/// as <c>GROUP BY ()</c>, string filters as CONTAINS_STRING and REGEXP_LIKE, Joda patterns with an open quote.
/// Expected values are worked out by hand from <see cref="ShopFixture.Orders"/>.
/// </summary>
public sealed class DruidClientQueryTests
{
    private const string Days = "'intervals': ['2025-11-27T00:00:00Z/2025-11-30T00:00:00Z']";

    /// <summary>Plywood's pattern for a time split: the closing quote after Z is missing, which Joda accepts.</summary>
    private const string PlywoodFormat = "'format': 'yyyy-MM-dd\\u0027T\\u0027HH:mm:ss\\u0027Z'";

    private readonly ShopFixture _shop = new();

    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private string Run(string singleQuoted) => _shop.Native(J(singleQuoted));

    [Fact]
    public void GroupBy_SplitsByATimeFormatExtractionOfTime()
    {
        Assert.Equal(J(
            "[{'version':'v1','timestamp':'2025-11-27T09:00:00.000Z','event':{'day':'2025-11-28T00:00:00Z'," +
                "'status':'paid','n':3}}," +
            "{'version':'v1','timestamp':'2025-11-27T09:00:00.000Z','event':{'day':'2025-11-27T00:00:00Z'," +
                "'status':'paid','n':2}}]"),
            Run("{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                "'dimensions': [{'type': 'extraction', 'dimension': '__time', 'outputName': 'day', 'extractionFn': " +
                "{'type': 'timeFormat', 'granularity': {'type': 'period', 'period': 'P1D', 'timeZone': 'Etc/UTC'}, " +
                PlywoodFormat + ", 'timeZone': 'Etc/UTC'}}, {'type': 'default', 'dimension': 'status', " +
                "'outputName': 'status'}], 'aggregations': [{'type': 'count', 'name': 'n'}], " +
                "'limitSpec': {'type': 'default', 'columns': [{'dimension': 'n', 'direction': 'descending'}], " +
                "'limit': 2}, 'filter': {'type': 'selector', 'dimension': 'status', 'value': 'paid'}}"));
    }

    [Fact]
    public void TopN_RanksTimeBucketsOfATimeFormatExtractionInTheirZone()
    {
        // Berlin days: the order at 2025-11-29T00:00Z falls on the 29th at 01:00 Berlin time, with the paid order
        // of 2025-11-28T02:10Z counted on the 28th.
        Assert.Equal(J(
            "[{'timestamp':'2025-11-27T09:00:00.000Z','result':[{'day':'2025-11-29','revenue':250.00}," +
            "{'day':'2025-11-28','revenue':163.37}]}]"),
            Run("{'queryType': 'topN', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                "'dimension': {'type': 'extraction', 'dimension': '__time', 'outputName': 'day', 'extractionFn': " +
                "{'type': 'timeFormat', 'granularity': {'type': 'period', 'period': 'P1D', 'timeZone': " +
                "'Europe/Berlin'}, 'format': 'yyyy-MM-dd', 'timeZone': 'Europe/Berlin'}}, 'metric': 'revenue', " +
                "'threshold': 2, 'aggregations': [{'type': 'doubleSum', 'name': 'revenue', 'fieldName': " +
                "'revenue'}]}"));
    }

    [Fact]
    public void TimeFormat_FinerThanTheRollup_IsRefusedAsInexact()
    {
        var error = Assert.Throws<QueryException>(() => Run(
            "{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
            "'dimensions': [{'type': 'extraction', 'dimension': '__time', 'outputName': 'minute', 'extractionFn': " +
            "{'type': 'timeFormat', 'granularity': 'minute'}}], 'aggregations': [{'type': 'count', 'name': 'n'}]}"));

        Assert.Equal(QueryErrorCode.Unsupported, error.Code);
        Assert.StartsWith("dimensions[0]: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("splits the buckets of rollup 'orders'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'type': 'substring', 'index': 1, 'length': 2}", "ai:6,an:1,ew:2")]
    [InlineData("{'type': 'substring', 'index': 3}", "celled:1,d:6,null:2")]
    [InlineData("{'type': 'upper'}", "CANCELLED:1,NEW:2,PAID:6")]
    [InlineData("{'type': 'strlen'}", "3:2,4:6,9:1")]
    [InlineData("{'type': 'regex', 'expr': '^(p|n)', 'replaceMissingValue': true, " +
                "'replaceMissingValueWith': 'other'}", "n:2,other:1,p:6")]
    [InlineData("{'type': 'partial', 'expr': 'a'}", "cancelled:1,null:2,paid:6")]
    [InlineData("{'type': 'cascade', 'extractionFns': [{'type': 'upper'}, {'type': 'substring', 'index': 0, " +
                "'length': 1}]}", "C:1,N:2,P:6")]
    public void ExtractionFunctions_GroupDimensionValues(string extraction, string expected)
    {
        using var json = System.Text.Json.JsonDocument.Parse(Run(
            "{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
            "'dimensions': [{'type': 'extraction', 'dimension': 'status', 'outputName': 's', 'extractionFn': " +
            extraction + "}], 'aggregations': [{'type': 'count', 'name': 'n'}]}"));

        var groups = json.RootElement.EnumerateArray().Select(row => row.GetProperty("event"))
            .Select(e => $"{(e.GetProperty("s").GetString() ?? "null")}:{e.GetProperty("n").GetInt64()}");
        Assert.Equal(expected, string.Join(",", groups.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("{'type': 'extraction', 'dimension': 'status', 'extractionFn': {'type': 'javascript'}}",
        "dimensions[0].extractionFn.type: extraction function 'javascript' is not supported")]
    [InlineData("{'type': 'extraction', 'dimension': 'revenue', 'extractionFn': {'type': 'upper'}}",
        "dimensions[0].dimension: 'revenue' is a metric of 'orders'")]
    [InlineData("{'type': 'extraction', 'dimension': 'status', 'extractionFn': {'type': 'regex', 'expr': '('}}",
        "dimensions[0].extractionFn.expr: '(' is not a valid regular expression")]
    [InlineData("{'type': 'extraction', 'dimension': '__time', 'extractionFn': {'type': 'substring', 'index': 1}}",
        "dimensions[0].extractionFn.type: extraction function 'substring' over __time is not supported")]
    [InlineData("{'type': 'listFiltered', 'dimension': 'status'}",
        "dimensions[0].type: dimension spec type 'listFiltered' is not supported")]
    public void BadDimensionSpecs_FailWithThePathOfTheProblem(string dimension, string message)
    {
        var error = Assert.Throws<QueryException>(() => Run(
            "{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
            "'dimensions': [" + dimension + "], 'aggregations': [{'type': 'count', 'name': 'n'}]}"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("if(\\\"orders\\\"!=0,(cast(\\\"revenue\\\",'DOUBLE')/\\\"orders\\\"),null)", "49.90222222222222")]
    [InlineData("orders * 2 + 1", "19")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-orders + 10 % 4", "-7")]
    [InlineData("orders > 5 && !(orders == 9)", "0")]
    [InlineData("orders >= 9 || null", "1")]
    [InlineData("nvl(missing_total, 7)", "7")]
    [InlineData("case_searched(orders < 5, 'few', orders < 10, 'some', 'many')", "\"some\"")]
    [InlineData("case_simple(orders, 8, 'eight', 9, 'nine', 'other')", "\"nine\"")]
    [InlineData("concat('n=', cast(orders, 'STRING'))", "\"n=9\"")]
    [InlineData("round(revenue / 7, 2)", "64.16")]
    [InlineData("div(orders, 2) + greatest(1, orders, 3) - least(4, 2)", "11")]
    [InlineData("orders / 0", "null")]
    [InlineData("isnull(missing_total) + notnull(orders)", "2")]
    public void ExpressionPostAggregator_EvaluatesDruidsExpressionLanguage(string expression, string expected)
    {
        var json = Run("{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                       "'filter': {'type': 'selector', 'dimension': 'status', 'value': 'nothing-matches'}, " +
                       "'aggregations': [{'type': 'doubleSum', 'name': 'missing_total', 'fieldName': 'revenue'}]}");
        Assert.Contains("\"missing_total\":null", json, StringComparison.Ordinal);

        json = Run("{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                   "'aggregations': [{'type': 'count', 'name': 'orders'}, {'type': 'doubleSum', 'name': 'revenue', " +
                   "'fieldName': 'revenue'}, {'type': 'filtered', 'filter': {'type': 'selector', 'dimension': " +
                   "'status', 'value': 'nothing'}, 'aggregator': {'type': 'doubleSum', 'name': 'missing_total', " +
                   "'fieldName': 'revenue'}}], 'postAggregations': [{'type': 'expression', 'name': 'x', " +
                   "'expression': '" + expression.Replace("'", "\\u0027", StringComparison.Ordinal) + "'}]}");

        Assert.EndsWith($"\"x\":{expected}}}}}]", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders +", "the expression ends early at offset 8")]
    [InlineData("unknown * 2", "'unknown' is not an aggregation or earlier post-aggregation at offset 0")]
    [InlineData("javascript(orders)", "function 'javascript' is not supported in expressions at offset 0")]
    [InlineData("if(orders, 1)", "if takes 3 arguments at offset 0")]
    [InlineData("cast(orders, 'ARRAY')", "cast to 'ARRAY' is not supported")]
    [InlineData("'open", "the text quoted with ' is not closed at offset 0")]
    [InlineData("orders ? 1", "unexpected '?' at offset 7")]
    public void BadExpressions_FailWithTheOffsetOfTheProblem(string expression, string message)
    {
        var error = Assert.Throws<QueryException>(() => Run(
            "{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
            "'aggregations': [{'type': 'count', 'name': 'orders'}], 'postAggregations': [{'type': 'expression', " +
            "'name': 'x', 'expression': '" + expression.Replace("'", "\\u0027", StringComparison.Ordinal) + "'}]}"));

        Assert.StartsWith("postAggregations[0].expression: " + message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT SUM(revenue) AS r, COUNT(*) AS n FROM orders GROUP BY ()", """[{"r":449.12,"n":9}]""")]
    [InlineData("SELECT COUNT(*) AS n, SUM(revenue) AS r FROM orders WHERE status = 'none' GROUP BY ()",
        """[{"n":0,"r":null}]""")]
    [InlineData("SELECT 'total' AS label FROM orders GROUP BY ()", """[{"label":"total"}]""")]
    [InlineData("SELECT status, COUNT(*) AS n FROM orders GROUP BY (), status ORDER BY n DESC LIMIT 1",
        """[{"status":"paid","n":6}]""")]
    public void GroupByTheEmptySet_AggregatesAllRowsIntoOneRow(string sql, string expected)
    {
        Assert.Equal(expected, _shop.Json(sql));
    }

    [Fact]
    public void GroupByTheEmptySet_RoundTripsThroughTheParser()
    {
        var statement = SqlParser.ParseStatement("SELECT COUNT(*) FROM orders GROUP BY ( )");

        Assert.True(statement.GroupsAllRows);
        Assert.Empty(statement.GroupBy);
        Assert.Equal("SELECT COUNT(*) FROM \"orders\" GROUP BY ()", statement.ToString());
        Assert.False(SqlParser.ParseStatement("SELECT a FROM t GROUP BY (), a").GroupsAllRows);
    }

    [Theory]
    [InlineData("CONTAINS_STRING(status, 'ai')", 6)]
    [InlineData("CONTAINS_STRING(status, 'AI')", 0)]
    [InlineData("ICONTAINS_STRING(status, 'AI')", 6)]
    [InlineData("CONTAINS_STRING(CAST(country AS VARCHAR), 'E')", 4)]
    [InlineData("REGEXP_LIKE(status, '^(new|cancel)')", 3)]
    [InlineData("REGEXP_LIKE(country, 'S$')", 3)]
    [InlineData("NOT REGEXP_LIKE(status, 'a')", 2)]
    [InlineData("REGEXP_EXTRACT(status, '(.)a(.)', 2) = 'i'", 6)]
    [InlineData("REGEXP_EXTRACT(status, 'nc.*') = 'ncelled'", 1)]
    public void StringMatchingFunctions_FilterGroups(string condition, long orders)
    {
        Assert.Equal($$"""[{"n":{{orders}}}]""", _shop.Json($"SELECT COUNT(*) AS n FROM orders WHERE {condition}"));
    }

    [Theory]
    [InlineData("REGEXP_LIKE(status, '(')", "'(' is not a valid regular expression")]
    [InlineData("REGEXP_LIKE(status, country)", "REGEXP_LIKE needs a constant pattern")]
    [InlineData("REGEXP_EXTRACT(status, 'a', 3) = 'x'", "REGEXP_EXTRACT needs the constant number of a group")]
    [InlineData("CONTAINS_STRING(status) ", "CONTAINS_STRING takes")]
    public void BadStringMatching_IsAnErrorWithItsPosition(string condition, string message)
    {
        var error = Assert.Throws<QueryException>(() => _shop.Json($"SELECT COUNT(*) FROM orders WHERE {condition}"));

        Assert.StartsWith(message, error.Problem, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'Z", "2025-11-28T01:00:00Z")]
    [InlineData("yyyy-MM-dd'T'HH", "2025-11-28T01")]
    [InlineData("HH 'o''clock'", "01 o'clock")]
    [InlineData("''yy''", "'25'")]
    public void TimeFormat_ReadsQuotesAsJodaDoes(string pattern, string expected)
    {
        Assert.Equal($$"""[{"t":"{{expected}}"}]""", _shop.Json(
            $"SELECT TIME_FORMAT(__time, '{pattern.Replace("'", "''", StringComparison.Ordinal)}') AS t FROM orders " +
            "WHERE __time = TIMESTAMP '2025-11-28 01:00:00' AND country IS NULL"));
    }

    [Theory]
    [InlineData("SUM(CASE WHEN status = 'paid' THEN revenue END)", "SUM(revenue) FILTER (WHERE status = 'paid')")]
    [InlineData("SUM(CASE WHEN status = 'paid' THEN revenue ELSE 0 END)",
        "COALESCE(SUM(revenue) FILTER (WHERE status = 'paid'), 0)")]
    [InlineData("MAX(CASE WHEN country = 'DE' THEN max_total ELSE NULL END)",
        "MAX(max_total) FILTER (WHERE country = 'DE')")]
    [InlineData("SUM(CASE WHEN status = 'none' THEN revenue ELSE 0 END)",
        "COALESCE(SUM(revenue) FILTER (WHERE status = 'none'), 0)")]
    [InlineData("SUM(CASE WHEN status = 'none' THEN revenue END)", "SUM(revenue) FILTER (WHERE status = 'none')")]
    [InlineData("SUM(CASE WHEN country = 'DE' THEN revenue END) FILTER (WHERE status = 'paid')",
        "SUM(revenue) FILTER (WHERE country = 'DE' AND status = 'paid')")]
    public void AggregatesOfAOneBranchCase_AreFilteredAggregates(string conditional, string filtered)
    {
        Assert.Equal(_shop.Json($"SELECT status, {filtered} AS x FROM orders GROUP BY status ORDER BY status"),
            _shop.Json($"SELECT status, {conditional} AS x FROM orders GROUP BY status ORDER BY status"));
        Assert.Equal(_shop.Json($"SELECT {filtered} AS x FROM orders"),
            _shop.Json($"SELECT {conditional} AS x FROM orders"));
    }

    [Fact]
    public void ConditionalSumWithElseZero_IsNullOverNoRows_AsInSql()
    {
        Assert.Equal("""[{"x":null}]""", _shop.Json(
            "SELECT SUM(CASE WHEN status = 'paid' THEN revenue ELSE 0 END) AS x FROM orders WHERE status = 'none'"));
        Assert.Equal("""[{"x":0}]""", _shop.Json(
            "SELECT SUM(CASE WHEN status = 'none' THEN revenue ELSE 0 END) AS x FROM orders WHERE status = 'paid'"));
    }

    [Fact]
    public void ConditionalAggregateWithANonNullElse_StaysAnError()
    {
        var error = Assert.Throws<QueryException>(() =>
            _shop.Json("SELECT MAX(CASE WHEN status = 'paid' THEN max_total ELSE 1 END) FROM orders"));

        Assert.Contains("must be one of its columns", error.Message, StringComparison.Ordinal);
    }
}
