using Monolith.Engine.Query;

namespace Monolith.Engine.Tests.Query;

/// <summary>
/// Native queries against the shop fixture. Queries and expected responses are written with single quotes for
/// readability; <see cref="Run"/> and <see cref="J"/> turn them into JSON.
/// </summary>
public sealed class NativeQueryTests
{
    private const string Days = "'intervals': ['2025-11-27T00:00:00Z/2025-11-30T00:00:00Z']";

    private readonly ShopFixture _shop = new();

    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private string Run(string singleQuoted) => _shop.Native(J(singleQuoted));

    [Fact]
    public void Timeseries_ReturnsOneResultPerBucket()
    {
        var json = Run("{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'day', " + Days + ", " +
                       "'aggregations': [{'type': 'count', 'name': 'orders'}, " +
                       "{'type': 'doubleSum', 'name': 'revenue', 'fieldName': 'revenue'}], " +
                       "'postAggregations': [{'type': 'arithmetic', 'name': 'avg', 'fn': '/', 'fields': [" +
                       "{'type': 'fieldAccess', 'fieldName': 'revenue'}, {'type': 'fieldAccess', 'fieldName': " +
                           "'orders'}]}], " +
                       "'context': {'timeout': 1000}}");

        Assert.Equal(J(
            "[{'timestamp':'2025-11-27T00:00:00.000Z','result':{'orders':3,'revenue':35.75," +
            "'avg':11.916666666666666}}," +
            "{'timestamp':'2025-11-28T00:00:00.000Z','result':{'orders':5,'revenue':163.37,'avg':32.674}}," +
            "{'timestamp':'2025-11-29T00:00:00.000Z','result':{'orders':1,'revenue':250.00,'avg':250}}]"), json);
    }

    [Fact]
    public void Timeseries_FillsEmptyBucketsUnlessAskedNotTo()
    {
        const string Query =
            "{'queryType': 'timeseries', 'dataSource': {'type': 'table', 'name': 'orders'}, 'granularity': 'hour', " +
            "'intervals': '2025-11-28T00:00:00Z/2025-11-28T04:00:00Z', 'aggregations': [{'type': 'count', 'name': " +
                "'n'}, " +
            "{'type': 'longSum', 'name': 'items', 'fieldName': 'items'}]CONTEXT}";

        Assert.Equal(J(
            "[{'timestamp':'2025-11-28T00:00:00.000Z','result':{'n':0,'items':null}}," +
            "{'timestamp':'2025-11-28T01:00:00.000Z','result':{'n':3,'items':8}}," +
            "{'timestamp':'2025-11-28T02:00:00.000Z','result':{'n':1,'items':1}}," +
            "{'timestamp':'2025-11-28T03:00:00.000Z','result':{'n':0,'items':null}}]"),
            Run(Query.Replace("CONTEXT", "", StringComparison.Ordinal)));
        Assert.Equal(J(
            "[{'timestamp':'2025-11-28T02:00:00.000Z','result':{'n':1,'items':1}}," +
            "{'timestamp':'2025-11-28T01:00:00.000Z','result':{'n':3,'items':8}}]"),
            Run(Query.Replace("CONTEXT", ", 'descending': true, 'context': {'skipEmptyBuckets': true}",
                StringComparison.Ordinal)));
    }

    [Fact]
    public void Timeseries_AllGranularityIsOneRowStampedWithTheFirstData()
    {
        Assert.Equal(
            J("[{'timestamp':'2025-11-27T09:00:00.000Z','result':{'statuses':3,'approx':6,'lo':0.99,'hi':250.00}}]"),
            Run("{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                "'aggregations': [{'type': 'cardinality', 'name': 'statuses', 'fields': ['status']}, " +
                "{'type': 'hyperUnique', 'name': 'approx', 'fieldName': 'approx_users'}, " +
                "{'type': 'doubleMin', 'name': 'lo', 'fieldName': 'min_total'}, " +
                "{'type': 'doubleMax', 'name': 'hi', 'fieldName': 'max_total'}]}"));
    }

    [Fact]
    public void TopN_RanksByTheMetricPerBucket()
    {
        Assert.Equal(J(
            "[{'timestamp':'2025-11-27T09:00:00.000Z','result':[{'status':'paid','revenue':388.50,'orders':6}," +
            "{'status':'new','revenue':55.37,'orders':2}]}]"),
            Run("{'queryType': 'topN', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                "'dimension': 'status', 'metric': 'revenue', 'threshold': 2, " +
                "'aggregations': [{'type': 'doubleSum', 'name': 'revenue', 'fieldName': 'revenue'}, {'type': " +
                    "'count', 'name': 'orders'}]}"));
        Assert.Equal(J(
            "[{'timestamp':'2025-11-27T00:00:00.000Z','result':[{'s':'paid','orders':2}]}," +
            "{'timestamp':'2025-11-28T00:00:00.000Z','result':[{'s':'paid','orders':3}]}," +
            "{'timestamp':'2025-11-29T00:00:00.000Z','result':[{'s':'paid','orders':1}]}]"),
            Run("{'queryType': 'topN', 'dataSource': 'orders', 'granularity': 'day', " + Days + ", " +
                "'dimension': {'type': 'default', 'dimension': 'status', 'outputName': 's'}, " +
                "'metric': {'type': 'inverted', 'metric': {'type': 'dimension'}}, 'threshold': 1, " +
                "'filter': {'type': 'not', 'field': {'type': 'selector', 'dimension': 'status', 'value': 'new'}}, " +
                "'aggregations': [{'type': 'count', 'name': 'orders'}]}"));
    }

    [Fact]
    public void GroupBy_ReturnsVersionedEventsWithLimitSpecAndHaving()
    {
        Assert.Equal(J(
            "[{'version':'v1','timestamp':'2025-11-29T00:00:00.000Z','event':{'country':'FR','orders':1,'items':5}}," +
            "{'version':'v1','timestamp':'2025-11-28T00:00:00.000Z','event':{'country':'US','orders':2,'items':4}}," +
            "{'version':'v1','timestamp':'2025-11-27T00:00:00.000Z','event':{'country':'DE','orders':2,'items':3}}]"),
            Run("{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'day', " + Days + ", " +
                "'dimensions': ['country'], 'filter': {'type': 'selector', 'dimension': 'status', 'value': 'paid'}, " +
                "'aggregations': [{'type': 'count', 'name': 'orders'}, {'type': 'longSum', 'name': 'items', " +
                    "'fieldName': 'items'}], " +
                "'limitSpec': {'type': 'default', 'limit': 3, 'columns': [{'dimension': 'items', 'direction': " +
                    "'descending', " +
                "'dimensionOrder': 'numeric'}]}}"));
        Assert.Equal(J(
            "[{'version':'v1','timestamp':'2025-11-27T09:00:00.000Z','event':{'status':'new','orders':2}}," +
            "{'version':'v1','timestamp':'2025-11-27T09:00:00.000Z','event':{'status':'paid','orders':6}}]"),
            Run("{'queryType': 'groupBy', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                "'dimensions': [{'type': 'default', 'dimension': 'status', 'outputName': 'status'}], " +
                "'aggregations': [{'type': 'count', 'name': 'orders'}], " +
                "'having': {'type': 'greaterThan', 'aggregation': 'orders', 'value': 1}}"));
    }

    [Theory]
    [InlineData("{'type': 'selector', 'dimension': 'country', 'value': null}", 1)]
    [InlineData("{'type': 'in', 'dimension': 'country', 'values': ['DE', 'FR']}", 5)]
    [InlineData("{'type': 'in', 'dimension': 'country', 'values': ['FR', null]}", 2)]
    [InlineData("{'type': 'bound', 'dimension': 'status', 'lower': 'n', 'upper': 'p'}", 2)]
    [InlineData("{'type': 'bound', 'dimension': 'status', 'lower': 'new', 'lowerStrict': true}", 6)]
    [InlineData("{'type': 'like', 'dimension': 'status', 'pattern': 'p%'}", 6)]
    [InlineData("{'type': 'and', 'fields': [{'type': 'selector', 'dimension': 'status', 'value': 'paid'}, " +
                "{'type': 'selector', 'dimension': 'country', 'value': 'US'}]}", 2)]
    [InlineData("{'type': 'or', 'fields': [{'type': 'selector', 'dimension': 'status', 'value': 'new'}, " +
                "{'type': 'selector', 'dimension': 'country', 'value': 'US'}]}", 5)]
    [InlineData("{'type': 'equality', 'column': 'country', 'matchValueType': 'STRING', 'matchValue': 'DE'}", 4)]
    [InlineData("{'type': 'range', 'column': 'status', 'matchValueType': 'STRING', 'lower': 'cancelled', 'upper': " +
        "'new', " +
                "'upperOpen': true}", 1)]
    [InlineData("{'type': 'null', 'column': 'country'}", 1)]
    [InlineData("{'type': 'interval', 'dimension': '__time', 'intervals': " +
        "['2025-11-28T01:00:00Z/2025-11-28T02:00:00Z']}", 3)]
    [InlineData("{'type': 'bound', 'dimension': '__time', 'lower': '1764291600000', 'ordering': 'numeric'}", 6)]
    [InlineData("{'type': 'true'}", 9)]
    public void Filters_SelectTheRightRows(string filter, long orders)
    {
        var json = Run("{'queryType': 'timeseries', 'dataSource': 'orders', 'granularity': 'all', " + Days + ", " +
                       "'filter': " + filter + ", 'aggregations': [{'type': 'count', 'name': 'n'}]}");

        Assert.EndsWith(J($"'result':{{'n':{orders}}}}}]"), json, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeBoundary_ReportsFirstAndLastBuckets()
    {
        Assert.Equal(J("[{'timestamp':'2025-11-27T09:00:00.000Z','result':{'minTime':'2025-11-27T09:00:00.000Z'," +
                       "'maxTime':'2025-11-29T00:00:00.000Z'}}]"),
            Run("{'queryType': 'timeBoundary', 'dataSource': 'orders'}"));
        Assert.Equal(J("[{'timestamp':'2025-11-28T11:00:00.000Z','result':{'maxTime':'2025-11-28T11:00:00.000Z'}}]"),
            Run("{'queryType': 'timeBoundary', 'dataSource': 'orders', 'bound': 'maxTime', " +
                "'filter': {'type': 'selector', 'dimension': 'status', 'value': 'new'}}"));
    }

    [Fact]
    public void SegmentMetadata_DescribesTheRollupAsOneSegment()
    {
        var json = Run("{'queryType': 'segmentMetadata', 'dataSource': 'orders', " +
                       "'analysisTypes': ['cardinality', 'interval', 'minmax', 'aggregators']}");

        Assert.StartsWith(J(
            "[{'id':'orders_2025-11-27T09:00:00.000Z_2025-11-29T01:00:00.000Z_2025-11-28T12:00:00.000Z'," +
            "'intervals':['2025-11-27T09:00:00.000Z/2025-11-29T01:00:00.000Z'],'columns':{" +
            "'__time':{'typeSignature':'LONG','type':'LONG','hasMultipleValues':false,'hasNulls':false,'size':0," +
            "'cardinality':null,'minValue':null,'maxValue':null,'errorMessage':null}," +
            "'status':{'typeSignature':'STRING','type':'STRING','hasMultipleValues':false,'hasNulls':false,'size':0," +
            "'cardinality':3,'minValue':'cancelled','maxValue':'paid','errorMessage':null}," +
            "'country':{'typeSignature':'STRING','type':'STRING','hasMultipleValues':false,'hasNulls':true,'size':0," +
            "'cardinality':3,'minValue':'DE','maxValue':'US','errorMessage':null}," +
            "'orders':{'typeSignature':'LONG','type':'LONG',"), json, StringComparison.Ordinal);
        Assert.Contains(J("'approx_users':{'typeSignature':'COMPLEX<hyperUnique>'"), json, StringComparison.Ordinal);
        Assert.Contains(J("'revenue':{'type':'doubleSum','name':'revenue','fieldName':'revenue'}"), json,
            StringComparison.Ordinal);
        Assert.Contains(J("'max_total':{'type':'doubleMax','name':'max_total','fieldName':'max_total'}"), json,
            StringComparison.Ordinal);
        Assert.EndsWith(J("'size':0,'numRows':9,'aggregators':{") +
                        J("'orders':{'type':'longSum','name':'orders','fieldName':'orders'},") +
                        J("'revenue':{'type':'doubleSum','name':'revenue','fieldName':'revenue'},") +
                        J("'min_total':{'type':'doubleMin','name':'min_total','fieldName':'min_total'},") +
                        J("'max_total':{'type':'doubleMax','name':'max_total','fieldName':'max_total'},") +
                        J("'avg_total':{'type':'hyperUnique','name':'avg_total','fieldName':'avg_total'},") +
                        J("'users':{'type':'hyperUnique','name':'users','fieldName':'users'},") +
                        J("'approx_users':{'type':'hyperUnique','name':'approx_users','fieldName':'approx_users'},") +
                        J("'items':{'type':'longSum','name':'items','fieldName':'items'},") +
                        J("'median_total':{'type':'quantilesDoublesSketch','name':'median_total',") +
                        J("'fieldName':'median_total'}},") +
                        J("'timestampSpec':null,'queryGranularity':null,'rollup':true}]"), json,
                            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "the query is not valid JSON")]
    [InlineData("{'dataSource': 'orders'}", "query.queryType: is required")]
    [InlineData("{'queryType': 'scan', 'dataSource': 'orders'}",
        "queryType: 'scan' is not supported (timeseries, topN, groupBy, timeBoundary, segmentMetadata are)")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'nope', 'intervals': ['2025/2026']}",
        "dataSource: 'nope' is not a rollup of this instance")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders'}", "intervals: is required")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28']}",
        "intervals[0]: Interval '2025-11-28' must have the form start/end, start/period or period/end")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'aggregations': [{'type': 'javascript', 'name': 'x'}]}",
        "aggregations[0].type: aggregator type 'javascript' is not supported")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'aggregations': [{'type': 'longSum', 'name': 'x', 'fieldName': 'nope'}]}",
        "aggregations[0].fieldName: 'nope' is not a column of 'orders'")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'aggregations': [{'type': 'longSum', 'name': 'x', 'fieldName': 'max_total'}]}",
        "aggregations[0]: longSum 'x': 'max_total' is a MAX metric and cannot be combined with SUM exactly")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'filter': {'type': 'selector', 'dimension': 'revenue', 'value': '1'}}",
        "filter: a filter cannot read metric 'revenue' of a rollup; aggregate it (and filter the aggregate in HAVING)")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'filter': {'type': 'regex', 'dimension': 'status', 'pattern': 'p'}}",
        "filter.type: filter type 'regex' is not supported")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'granularity': 'fifteen_minute', 'aggregations': [{'type': 'count', 'name': 'n'}]}",
        "granularity PT15M splits the buckets of rollup 'orders' (PT1H)")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
        "'granularity': 'fortnight'}",
        "granularity: 'fortnight' is not a Druid granularity")]
    [InlineData("{'queryType': 'timeseries', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], " +
                "'aggregations': [{'type': 'count', 'name': 'n'}], " +
                "'postAggregations': [{'type': 'fieldAccess', 'name': 'p', 'fieldName': 'q'}]}",
        "postAggregations[0].fieldName: 'q' is not an aggregation or earlier post-aggregation")]
    [InlineData("{'queryType': 'topN', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], 'dimension': " +
        "'status', " +
                "'metric': 'x', 'threshold': 5, 'aggregations': [{'type': 'count', 'name': 'n'}]}",
        "metric: 'x' is not an aggregation or post-aggregation of the query")]
    [InlineData("{'queryType': 'groupBy', 'dataSource': 'orders', 'intervals': ['2025-11-28/P1D'], 'dimensions': " +
        "['revenue']}",
        "dimensions[0]: 'revenue' is not a dimension of 'orders'")]
    public void BadNativeQueries_FailWithThePathOfTheProblem(string query, string message)
    {
        var error = Assert.Throws<QueryException>(() => Run(query));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
