using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Monolith.IntegrationTests.Olap;

namespace Monolith.IntegrationTests.Http;

/// <summary>
/// Monolith's Druid HTTP API over the ledger rollups after the seeded workload: bad requests of every kind get
/// Druid's error JSON naming what is wrong and where, with status 400 (413 for a body over the limit), and the
/// server answers the next good query; INFORMATION_SCHEMA describes the rollups; every SQL result format and the
/// Arrow IPC stream carry MariaDB's answer.
/// </summary>
[Collection(OlapCollection.Name)]
public sealed class DruidHttpTests(OlapFixture olap)
{
    private const string RegionsSql =
        "SELECT region, SUM(n) AS n FROM ledger_day GROUP BY region ORDER BY region";

    private HttpClient Client => olap.Http.Client;

    public static TheoryData<string, string, string, string[]> BadRequests => new()
    {
        { "druid/v2/sql", """{"query": "SELECT region, FROM ledger_day"}""", "invalidInput", ["line 1, column"] },
        { "druid/v2/sql", """{"query": "SELECT nope FROM ledger_day"}""", "invalidInput", ["'nope'", "column"] },
        { "druid/v2/sql", """{"query": "SELECT COUNT(*) FROM nowhere"}""", "invalidInput", ["nowhere"] },
        { "druid/v2/sql", """{"query": "SELECT SUM(region) FROM ledger_day"}""", "unsupported", ["region"] },
        { "druid/v2/sql", """{"query": "SELECT n FROM ledger_day WHERE region > 3"}""", "invalidInput",
            ["line 1, column"] },
        { "druid/v2/sql", """{"query": "SELECT 1" """, "invalidInput", ["JSON"] },
        { "druid/v2/sql", """{"resultFormat": "array"}""", "invalidInput", ["query"] },
        { "druid/v2/sql", """{"query": 42}""", "invalidInput", ["query"] },
        { "druid/v2/sql", """{"query": "SELECT n FROM ledger_day", "resultFormat": "xml"}""", "invalidInput",
            ["xml"] },
        { "druid/v2", """{"queryType": "timeseries", """, "invalidInput", ["JSON"] },
        { "druid/v2", """{"queryType": "timeseries", "dataSource": "nowhere",""" +
            """ "intervals": ["2024-01-01/2025-01-01"]}""",
            "invalidInput", ["nowhere"] },
        { "druid/v2", """{"queryType": "timeseries", "dataSource": "ledger_day",""" +
            """ "intervals": ["2024-01-01/2025-01-01"], """ +
            """ "aggregations": [{"type": "longSum", "name": "x", "fieldName": "nope"}]}""", "invalidInput",
            ["aggregations[0]", "nope"] },
        { "druid/v2", """{"queryType": "topN", "dataSource": "ledger_day", "intervals": ["2024-01-01/2025-01-01"], """ +
            """ "dimension": "region", "metric": "n", "threshold": "ten", """ +
            """ "aggregations": [{"type": "longSum", "name": "n", "fieldName": "n"}]}""", "invalidInput",
            ["threshold"] },
        { "druid/v2", """{"queryType": "scanAll", "dataSource": "ledger_day"}""", "unsupported", ["scanAll"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_Druids_error_JSON_and_the_server_answers_the_next_query(string path,
        string body, string errorCode, string[] mentions)
    {
        using var response = await Client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = AssertDruidError(text, errorCode);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, error, StringComparison.Ordinal);
        }

        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_SQL_error_names_its_line_and_column_in_the_error_context()
    {
        using var response = await Client.PostAsync("druid/v2/sql",
            Json("""{"query": "SELECT region,\n  SUM(n) AS n\nFROM ledger_day\nGROUP BY regio"}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var context = json.RootElement.GetProperty("context");
        Assert.Equal("sql", context.GetProperty("sourceType").GetString());
        Assert.Equal("4", context.GetProperty("line").GetString());
        Assert.Equal("10", context.GetProperty("column").GetString());
        Assert.Contains("regio", json.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("druid/v2/sql", true)]
    [InlineData("druid/v2/sql", false)]
    [InlineData("druid/v2", true)]
    [InlineData("druid/v2", false)]
    public async Task A_body_over_the_limit_gets_413_with_Druids_error_JSON(string path, bool withLength)
    {
        var padding = new string(' ', (int)OlapFixture.MaxRequestBytes);
        var body = Encoding.UTF8.GetBytes($$"""{"query": "SELECT COUNT(*) FROM ledger_day"{{padding}}}""");
        HttpContent content = withLength
            ? new ByteArrayContent(body)
            : new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };

        // With a length, the server answers from the header alone; the client waits for 100 Continue before it
        // sends the body, as curl does for large bodies, so the unread body cannot reset the connection under the
        // answer. Without a length, the server reads up to the limit and answers.
        request.Headers.ExpectContinue = withLength;
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = AssertDruidError(await response.Content.ReadAsStringAsync(), "invalidInput");
        Assert.Contains($"{OlapFixture.MaxRequestBytes} bytes", error, StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Information_schema_lists_every_rollup_and_its_columns()
    {
        var tables = await SqlAsync("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES " +
                                    "WHERE TABLE_SCHEMA = 'druid' ORDER BY TABLE_NAME");
        Assert.Equal(olap.Queries.Store.Rollups.Select(r => r.Name).Order(StringComparer.Ordinal),
            tables.EnumerateArray().Select(t => t.GetProperty("TABLE_NAME").GetString()));

        var columns = await SqlAsync("SELECT COLUMN_NAME, DATA_TYPE, ORDINAL_POSITION " +
                                     "FROM INFORMATION_SCHEMA.COLUMNS " +
                                     "WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = 'ledger_day' " +
                                     "ORDER BY ORDINAL_POSITION");
        var rows = columns.EnumerateArray().ToList();
        Assert.Equal(new[] { "__time", "region" }.Concat(LedgerSchema.Metrics.Select(m => m.Name)),
            rows.Select(r => r.GetProperty("COLUMN_NAME").GetString()));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i),
            rows.Select(r => r.GetProperty("ORDINAL_POSITION").GetInt64()));
        var types = rows.ToDictionary(r => r.GetProperty("COLUMN_NAME").GetString()!,
            r => r.GetProperty("DATA_TYPE").GetString());
        Assert.Equal("TIMESTAMP", types["__time"]);
        Assert.Equal("VARCHAR", types["region"]);
        Assert.Equal("BIGINT", types["n"]);
        Assert.Equal("DOUBLE", types["score"]);
    }

    [Fact]
    public async Task Every_result_format_carries_MariaDBs_answer()
    {
        var truth = (await Answers.MariaDbAsync(olap, OlapFixture.LedgerDatabase,
                "SELECT region, COUNT(*) FROM ledger GROUP BY region ORDER BY region"))
            .Select(r => $"{r[0] ?? "null"}={Convert.ToInt64(r[1], CultureInfo.InvariantCulture)}")
            .ToList();

        var objects = await PostSqlAsync("object", header: false);
        Assert.Equal(truth, JsonDocument.Parse(objects).RootElement.EnumerateArray()
            .Select(r => Pair(r.GetProperty("region"), r.GetProperty("n"))));

        var arrays = JsonDocument.Parse(await PostSqlAsync("array", header: true, types: true, sqlTypes: true))
            .RootElement.EnumerateArray().ToList();
        Assert.Equal("""["region","n"]""", arrays[0].GetRawText());
        Assert.Equal("""["STRING","LONG"]""", arrays[1].GetRawText());
        Assert.Equal("""["VARCHAR","BIGINT"]""", arrays[2].GetRawText());
        Assert.Equal(truth, arrays.Skip(3).Select(r => Pair(r[0], r[1])));

        var objectLines = Lines(await PostSqlAsync("objectLines", header: true, types: true));
        Assert.Equal("""{"region":{"type":"STRING"},"n":{"type":"LONG"}}""", objectLines[0]);
        Assert.Equal(truth, objectLines.Skip(1).Select(l => JsonDocument.Parse(l))
            .Select(d => Pair(d.RootElement.GetProperty("region"), d.RootElement.GetProperty("n"))));

        var arrayLines = Lines(await PostSqlAsync("arrayLines", header: false));
        Assert.Equal(truth, arrayLines.Select(l => JsonDocument.Parse(l))
            .Select(d => Pair(d.RootElement[0], d.RootElement[1])));

        var csv = Lines(await PostSqlAsync("csv", header: true, sqlTypes: true));
        Assert.Equal("region,n", csv[0]);
        Assert.Equal("VARCHAR,BIGINT", csv[1]);
        Assert.Equal(truth, csv.Skip(2).Select(line => line.Split(','))
            .Select(f => $"{(f[0].Length == 0 ? "null" : f[0])}={f[1]}"));

        var bare = Lines(await PostSqlAsync("csv", header: false));
        Assert.Equal(truth.Count, bare.Count);
    }

    [Fact]
    public async Task Arrow_stream_results_read_back_with_ArrowStreamReader_equal_MariaDBs_answer()
    {
        var truth = await Answers.MariaDbAsync(olap, OlapFixture.LedgerDatabase,
            "SELECT region, COUNT(*), SUM(amount) FROM ledger GROUP BY region ORDER BY region");
        using var request = new HttpRequestMessage(HttpMethod.Post, "druid/v2/sql")
        {
            Content = Json(JsonSerializer.Serialize(new
            {
                query = "SELECT region, SUM(n) AS n, SUM(amount) AS amount FROM ledger_day GROUP BY region " +
                        "ORDER BY region",
            })),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.apache.arrow.stream"));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new ArrowStreamReader(stream);
        var rows = new List<(string? Region, long N, double Amount)>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                Assert.Equal(["region", "n", "amount"], batch.Schema.FieldsList.Select(f => f.Name));
                var regions = (StringArray)batch.Column(0);
                var counts = (Int64Array)batch.Column(1);
                var amounts = batch.Column(2);
                for (var i = 0; i < batch.Length; i++)
                {
                    rows.Add((regions.GetString(i), counts.GetValue(i)!.Value, Double(amounts, i)));
                }
            }
        }

        Assert.Equal(truth.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal((string?)truth[i][0], rows[i].Region);
            Assert.Equal(Convert.ToInt64(truth[i][1], CultureInfo.InvariantCulture), rows[i].N);
            var amount = Convert.ToDouble(truth[i][2], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(amount - rows[i].Amount) <= 1e-9 * Math.Abs(amount),
                $"region {rows[i].Region}: {rows[i].Amount} from Arrow, {amount} from MariaDB");
        }
    }

    private static double Double(IArrowArray array, int index) => array switch
    {
        DoubleArray d => d.GetValue(index)!.Value,
        Decimal128Array d => (double)d.GetValue(index)!.Value,
        Int64Array l => l.GetValue(index)!.Value,
        _ => throw new InvalidOperationException($"amount arrived as {array.Data.DataType.Name}"),
    };

    private async Task<string> PostSqlAsync(string format, bool header, bool types = false, bool sqlTypes = false)
    {
        using var response = await Client.PostAsync("druid/v2/sql", Json(JsonSerializer.Serialize(new
        {
            query = RegionsSql,
            resultFormat = format,
            header,
            typesHeader = types,
            sqlTypesHeader = sqlTypes,
        })));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {(int)response.StatusCode} {text}");
        if (header)
        {
            Assert.Equal("yes", response.Headers.GetValues("X-Druid-SQL-Header-Included").Single());
        }

        return text;
    }

    private async Task<JsonElement> SqlAsync(string sql)
    {
        using var response = await Client.PostAsync("druid/v2/sql",
            Json(JsonSerializer.Serialize(new { query = sql })));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{sql}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The lines of a line format or CSV: Druid's line formats end with an empty line, which is dropped.
    /// </summary>
    private static List<string> Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string Pair(JsonElement region, JsonElement n) =>
        $"{(region.ValueKind == JsonValueKind.Null ? "null" : region.GetString())}={n.GetInt64()}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Checks the body is Druid's error object and returns its message.</summary>
    private static string AssertDruidError(string body, string errorCode)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("druidException", root.GetProperty("error").GetString());
        Assert.Equal(errorCode, root.GetProperty("errorCode").GetString());
        Assert.Equal("USER", root.GetProperty("persona").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("context").ValueKind);
        var message = root.GetProperty("errorMessage").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>The server still answers: a good query after a bad one returns the rollup's rows.</summary>
    private async Task AssertHealthyAsync()
    {
        var rows = await SqlAsync("SELECT SUM(n) AS n FROM ledger_day");
        Assert.Equal(olap.Queries.ExecuteSql("SELECT SUM(n) FROM ledger_day").ToArrays().First()[0],
            rows[0].GetProperty("n").GetInt64());
    }

    /// <summary>A stream that hides its length, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException("this stream hides its length");

        public override long Position
        {
            get => throw new NotSupportedException("this stream hides its position");
            set => throw new NotSupportedException("this stream cannot seek");
        }
    }
}
