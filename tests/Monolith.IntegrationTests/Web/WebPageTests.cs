using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Monolith.Binlog.Replication;
using Monolith.Configuration;
using Monolith.Engine.Rollups;
using Monolith.Hosting;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.IntegrationTests.Web;

/// <summary>
/// The web page at <c>/</c>, loaded by a real headless Chromium from the service tailing a real MariaDB: the
/// header shows the source streaming, the rollup list names the configured rollup, and the answer drawn for a
/// query in the address equals the same aggregate computed by MariaDB; a bad query shows Druid's error.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed partial class WebPageTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Page_shows_the_stream_the_rollups_and_a_query_answer_equal_to_mariadb()
    {
        var database = "web_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Users = 50,
            Products = 20,
        });
        await using var host = MonolithHost.Build(Options(file, offset),
            [RollupDefinition.Parse("orders_per_minute",
                "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
                $"FROM {database}.orders GROUP BY 1, 2")],
            logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await host.App.StartAsync();
        await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Seed = 5,
            MaxTransactions = 300,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStep = TimeSpan.FromSeconds(30),
        }).RunAsync(CancellationToken.None);
        await server.WaitUntilPublishedAsync(host.Pipeline);
        var url = host.Urls.First();

        var sql = "SELECT status, SUM(orders) AS orders, SUM(revenue) AS revenue " +
                  "FROM orders_per_minute GROUP BY status";
        var dom = await HeadlessChromium.DumpDomAsync($"{url}/?sql={Uri.EscapeDataString(sql)}");

        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.Equal("Streaming", Element(dom, "source-state"));
        Assert.Equal("orders_per_minute", Cells(Section(dom, "rollups"))[0][0]);
        var page = Cells(Section(dom, "result")).ToDictionary(r => r[0], r => (Orders: r[1], Revenue: r[2]));
        var truth = await GroundTruthAsync(database);
        Assert.True(truth.Count > 1, "the workload must leave orders in more than one status");
        Assert.Equal(truth.Keys.Order(), page.Keys.Order());
        foreach (var (status, expected) in truth)
        {
            Assert.Equal(expected.Orders, long.Parse(page[status].Orders, CultureInfo.InvariantCulture));
            Assert.Equal(expected.Revenue, decimal.Parse(page[status].Revenue, CultureInfo.InvariantCulture));
        }

        var bad = await HeadlessChromium.DumpDomAsync(
            $"{url}/?sql={Uri.EscapeDataString("SELECT nosuchcolumn FROM orders_per_minute")}");
        Assert.Contains("nosuchcolumn", Element(bad, "error"), StringComparison.Ordinal);
        Assert.Empty(Cells(Section(bad, "result")));
    }

    private MonolithOptions Options(string file, long offset)
    {
        var options = new MonolithOptions
        {
            Source = new ReplicationOptions
            {
                Host = server.Host,
                Port = server.Port,
                User = server.User,
                Password = server.Password,
                ServerId = 7301,
                Start = $"{file}:{offset}",
            },
        };
        options.Http.Url = "http://127.0.0.1:0";
        return options;
    }

    private async Task<Dictionary<string, (long Orders, decimal Revenue)>> GroundTruthAsync(string database)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new MySqlCommand(
            "SELECT CAST(status AS CHAR), COUNT(*), SUM(total) FROM orders GROUP BY status", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var truth = new Dictionary<string, (long, decimal)>();
        while (await reader.ReadAsync())
        {
            truth[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDecimal(2));
        }

        return truth;
    }

    /// <summary>The text of the element with the given id.</summary>
    private static string Element(string dom, string id)
    {
        var match = Regex.Match(dom, $"""id="{id}"[^>]*>(?<text>[^<]*)<""");
        Assert.True(match.Success, $"the page has no element with id {id}");
        return WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    /// <summary>The body of the table with the given id.</summary>
    private static string Section(string dom, string id)
    {
        var match = Regex.Match(dom, $"""<table id="{id}".*?<tbody>(?<body>.*?)</tbody>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"the page has no table with id {id}");
        return match.Groups["body"].Value;
    }

    private static List<string[]> Cells(string body) =>
        [.. RowPattern().Matches(body).Select(row => CellPattern().Matches(row.Value)
            .Select(c => WebUtility.HtmlDecode(c.Groups["text"].Value)).ToArray())];

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(?<text>[^<]*)</td>")]
    private static partial Regex CellPattern();
}
