using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;

namespace Monolith.Engine.Tests.Query;

public sealed class ResultWriterTests
{
    private const string Sql =
        "SELECT __time, status, SUM(revenue) AS revenue, COUNT(*) AS n FROM orders " +
        "WHERE country = 'DE' GROUP BY 1, 2 ORDER BY 1 LIMIT 2";

    private readonly ShopFixture _shop = new();

    [Theory]
    [InlineData(SqlResultFormat.Object, false, false, false,
        """[{"__time":"2025-11-27T09:00:00.000Z","status":"paid","revenue":30.50,"n":2},""" +
            """{"__time":"2025-11-28T02:00:00.000Z","status":"paid","revenue":7.01,"n":1}]""")]
    [InlineData(SqlResultFormat.Object, true, false, false,
        """[{"__time":null,"status":null,"revenue":null,"n":null},""" +
            """{"__time":"2025-11-27T09:00:00.000Z","status":"paid","revenue":30.50,"n":2},""" +
            """{"__time":"2025-11-28T02:00:00.000Z","status":"paid","revenue":7.01,"n":1}]""")]
    [InlineData(SqlResultFormat.Object, true, true, true,
        """[{"__time":{"type":"LONG","sqlType":"TIMESTAMP"},"status":{"type":"STRING","sqlType":"VARCHAR"},""" +
        "\"revenue\":{\"type\":\"DOUBLE\",\"sqlType\":\"DECIMAL\"},\"n\":{\"type\":\"LONG\",\"sqlType\":\"BIGINT\"}}," +
            """{"__time":"2025-11-27T09:00:00.000Z","status":"paid","revenue":30.50,"n":2},""" +
            """{"__time":"2025-11-28T02:00:00.000Z","status":"paid","revenue":7.01,"n":1}]""")]
    [InlineData(SqlResultFormat.Object, true, false, true,
        """[{"__time":{"sqlType":"TIMESTAMP"},"status":{"sqlType":"VARCHAR"},"revenue":{"sqlType":"DECIMAL"},""" +
        "\"n\":{\"sqlType\":\"BIGINT\"}}," +
            """{"__time":"2025-11-27T09:00:00.000Z","status":"paid","revenue":30.50,"n":2},""" +
            """{"__time":"2025-11-28T02:00:00.000Z","status":"paid","revenue":7.01,"n":1}]""")]
    [InlineData(SqlResultFormat.Array, false, false, false,
        """[["2025-11-27T09:00:00.000Z","paid",30.50,2],["2025-11-28T02:00:00.000Z","paid",7.01,1]]""")]
    [InlineData(SqlResultFormat.Array, true, true, true,
        """[["__time","status","revenue","n"],["LONG","STRING","DOUBLE","LONG"],""" +
            """["TIMESTAMP","VARCHAR","DECIMAL","BIGINT"],["2025-11-27T09:00:00.000Z","paid",30.50,2],""" +
            """["2025-11-28T02:00:00.000Z","paid",7.01,1]]""")]
    [InlineData(SqlResultFormat.Array, false, true, true,
        """[["2025-11-27T09:00:00.000Z","paid",30.50,2],["2025-11-28T02:00:00.000Z","paid",7.01,1]]""")]
    [InlineData(SqlResultFormat.ObjectLines, false, false, false,
        "{\"__time\":\"2025-11-27T09:00:00.000Z\",\"status\":\"paid\",\"revenue\":30.50,\"n\":2}\n" +
        "{\"__time\":\"2025-11-28T02:00:00.000Z\",\"status\":\"paid\",\"revenue\":7.01,\"n\":1}\n\n")]
    [InlineData(SqlResultFormat.ArrayLines, true, false, false,
        "[\"__time\",\"status\",\"revenue\",\"n\"]\n[\"2025-11-27T09:00:00.000Z\",\"paid\",30.50,2]\n" +
        "[\"2025-11-28T02:00:00.000Z\",\"paid\",7.01,1]\n\n")]
    [InlineData(SqlResultFormat.Csv, true, true, false,
        "__time,status,revenue,n\nLONG,STRING,DOUBLE,LONG\n2025-11-27T09:00:00.000Z,paid,30.50,2\n" +
        "2025-11-28T02:00:00.000Z,paid,7.01,1\n\n")]
    [InlineData(SqlResultFormat.Csv, false, false, false,
        "2025-11-27T09:00:00.000Z,paid,30.50,2\n2025-11-28T02:00:00.000Z,paid,7.01,1\n\n")]
    public void Formats_FollowDruidsShapes(SqlResultFormat format, bool header, bool types, bool sqlTypes,
        string expected)
    {
        var result = _shop.Engine.ExecuteSql(Sql);

        Assert.Equal(expected, ShopFixture.Format(result, format, header, types, sqlTypes));
    }

    [Fact]
    public void Csv_QuotesFieldsThatNeedIt()
    {
        var result = _shop.Engine.ExecuteSql("SELECT 'a,b' AS x, 'say \"hi\"' AS y, NULL AS z");
        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\n\n", ShopFixture.Format(result, SqlResultFormat.Csv));
    }

    [Fact]
    public void Json_WritesUnsignedAndWideIntegersExactly()
    {
        var result = _shop.Engine.ExecuteSql(
            "SELECT 18446744073709551615 AS u, 9223372036854775807 + 9223372036854775807 AS wide, 0.10 * 3 AS d");
        Assert.Equal("""[{"u":18446744073709551615,"wide":18446744073709551614,"d":0.30}]""",
            ShopFixture.Format(result, SqlResultFormat.Object));
    }

    [Fact]
    public void Arrow_StreamsTypedColumns()
    {
        var result = _shop.Engine.ExecuteSql(Sql);
        using var stream = new MemoryStream();
        ResultWriter.Write(result, stream, SqlResultFormat.ArrowStream);
        stream.Position = 0;

        using var reader = new ArrowStreamReader(stream);
        var batch = reader.ReadNextRecordBatch();
        Assert.Equal(["__time", "status", "revenue", "n"], batch.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(2, batch.Length);
        var time = Assert.IsType<TimestampArray>(batch.Column(0));
        Assert.Equal(DateTimeOffset.Parse("2025-11-27T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            time.GetTimestamp(0));
        Assert.Equal("paid", Assert.IsType<StringArray>(batch.Column(1)).GetString(1));
        Assert.Equal(30.50m, Assert.IsType<Decimal128Array>(batch.Column(2)).GetValue(0));
        Assert.Equal(1, Assert.IsType<Int64Array>(batch.Column(3)).GetValue(1));
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public void SqlQueryRequest_ReadsDruidsRequestBody()
    {
        var request = SqlQueryRequest.Parse(Encoding.UTF8.GetBytes(
            """{"query":"SELECT COUNT(*) AS n FROM orders WHERE status = ?","resultFormat":"arrayLines",""" +
            """ "header":true, "typesHeader":true,"sqlTypesHeader":false,"context":{"sqlQueryId":"q1"},""" +
            """ "parameters":[{"type":"VARCHAR","value":"paid"}]}"""));

        Assert.Equal(SqlResultFormat.ArrayLines, request.ResultFormat);
        Assert.True(request.Header);
        Assert.True(request.TypesHeader);
        Assert.Equal("text/plain", request.ContentType);
        Assert.Equal("q1", request.Context["sqlQueryId"].GetString());
        using var output = new MemoryStream();
        _shop.Engine.ExecuteSql(request, output);
        Assert.Equal("[\"n\"]\n[\"LONG\"]\n[6]\n\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task ExecuteSqlAsync_WritesTheSameBytes()
    {
        var request = new SqlQueryRequest { Query = "SELECT status FROM orders GROUP BY 1",
            ResultFormat = SqlResultFormat.Csv };
        using var output = new MemoryStream();
        await _shop.Engine.ExecuteSqlAsync(request, output);
        Assert.Equal("cancelled\nnew\npaid\n\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("text/csv", request.ContentType);
    }

    [Theory]
    [InlineData("not json", "the request body is not valid JSON")]
    [InlineData("[]", "the request body must be a JSON object with a \"query\" field")]
    [InlineData("{\"query\": 1}", "\"query\" must be a non-empty string")]
    [InlineData("{\"query\": \"SELECT 1\", \"resultFormat\": \"xml\"}",
        "\"resultFormat\" 'xml' is not one of object, array, objectLines, arrayLines, csv")]
    [InlineData("{\"query\": \"SELECT 1\", \"header\": \"yes\"}", "\"header\" must be true or false")]
    [InlineData("{\"query\": \"SELECT 1\", \"parameters\": [{\"value\": 1}]}",
        "parameters[0] must be an object with a string \"type\"")]
    public void SqlQueryRequest_RejectsMalformedBodies(string body, string message)
    {
        var error = Assert.Throws<QueryException>(() => SqlQueryRequest.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(QueryErrorCode.InvalidInput, error.Code);
    }

    [Fact]
    public void EmbeddedApi_ReturnsDotNetValues()
    {
        var result = _shop.Engine.ExecuteSql(
            "SELECT __time, status, SUM(revenue) AS revenue, COUNT(*) AS n, AVG(avg_total) AS mean FROM orders " +
            "WHERE status = 'cancelled' GROUP BY 1, 2");
        Assert.Equal(DateTimeOffset.Parse("2025-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            result.GetValue(0, 0));
        Assert.Equal("cancelled", result.GetValue(0, 1));
        Assert.Equal(5.25m, result.GetValue(0, 2));
        Assert.Equal(1L, result.GetValue(0, 3));
        Assert.Equal(5.25, result.GetValue(0, 4));
    }
}
