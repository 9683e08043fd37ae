using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Olap;

namespace Monolith.IntegrationTests.Druid;

/// <summary>
/// Plywood, the query planner behind Turnilo, with its Druid requester from npm, runs its queries against
/// Monolith's HTTP API as against a Druid broker, once through native queries and once through Druid SQL, and
/// gets MariaDB's aggregates over the ledger after the seeded workload of inserts, updates and deletes.
/// The npm packages are installed by <c>./dev deps node</c> (npm ci from the lock file, skipped when current).
/// </summary>
[Collection(OlapCollection.Name)]
public sealed class PlywoodClientTests(OlapFixture olap)
{
    private const string Source = "ledger_day";

    /// <summary>The day of a booking as the rollup buckets it: the wall clock read as UTC, in ISO form.</summary>
    private const string Day = "DATE_FORMAT(booked_at, '%Y-%m-%dT00:00:00.000Z')";

    private static readonly string s_folder = Path.Combine(RepositoryPaths.Root, "tests", "Monolith.IntegrationTests",
        "Druid");

    [Fact]
    public async Task Plywoods_native_and_SQL_queries_answer_MariaDBs_aggregates()
    {
        var (start, end) = await DaysAsync();
        using var answers = JsonDocument.Parse(await RunPlywoodAsync(start, end));

        var totals = await TruthAsync(
            "SELECT COUNT(*), SUM(amount), MAX(amount), SUM(IF(region = 'north', amount, 0)) FROM ledger");
        var regions = await TruthAsync(
            "SELECT region, COUNT(*), SUM(amount), MIN(amount) FROM ledger GROUP BY region ORDER BY region");
        var top = await TruthAsync(
            "SELECT region, SUM(amount) AS a FROM ledger GROUP BY region ORDER BY a DESC LIMIT 2");
        var days = await TruthAsync(
            $"SELECT {Day}, COUNT(*), SUM(amount) FROM ledger GROUP BY 1 ORDER BY 1");
        var daysRegions = await TruthAsync(
            $"SELECT {Day}, region, COUNT(*) FROM ledger GROUP BY 1, 2");
        Assert.True(days.Count > 5, $"the ledger spans only {days.Count} days");

        foreach (var engine in new[] { "druid", "druidsql" })
        {
            var answer = answers.RootElement.GetProperty(engine);
            var context = $"plywood engine '{engine}'";
            Assert.Equal(Long(totals[0][0]), answer.GetProperty("n").GetInt64());
            AssertClose(totals[0][1], answer.GetProperty("amount"), $"{context}: total amount");
            AssertClose(totals[0][2], answer.GetProperty("max_amount"), $"{context}: max amount");
            AssertClose(totals[0][3], answer.GetProperty("north_amount"), $"{context}: north's amount");
            AssertClose(Convert.ToDouble(totals[0][1], CultureInfo.InvariantCulture) /
                        Convert.ToDouble(totals[0][0], CultureInfo.InvariantCulture),
                answer.GetProperty("mean_amount"), $"{context}: mean amount");

            AssertRows(context + ": regions", regions, answer.GetProperty("regions"),
                ["region", "n", "amount", "min_amount"]);
            AssertRows(context + ": top regions", top, answer.GetProperty("top_regions"), ["region", "amount"]);
            AssertRows(context + ": days", days, answer.GetProperty("days"), ["day", "n", "amount"]);

            var split = answer.GetProperty("days_regions").EnumerateArray().ToList();
            var counts = split.Select(r => r.GetProperty("n").GetInt64()).ToList();
            Assert.Equal(counts.OrderDescending(), counts);
            Assert.Equal(
                daysRegions.Select(r => $"{r[0]}|{r[1]}|{r[2]}").Order(StringComparer.Ordinal),
                split.Select(r => $"{r.GetProperty("day").GetString()}|{Text(r.GetProperty("region"))}|" +
                                  $"{r.GetProperty("n").GetInt64()}").Order(StringComparer.Ordinal));
        }
    }

    private async Task<(string Start, string End)> DaysAsync()
    {
        var range = await TruthAsync(
            "SELECT DATE_FORMAT(MIN(booked_at), '%Y-%m-%dT00:00:00Z'), " +
            "DATE_FORMAT(MAX(booked_at) + INTERVAL 1 DAY, '%Y-%m-%dT00:00:00Z') FROM ledger");
        return ((string)range[0][0]!, (string)range[0][1]!);
    }

    private async Task<List<object?[]>> TruthAsync(string sql) =>
        await Answers.MariaDbAsync(olap, OlapFixture.LedgerDatabase, sql);

    private async Task<string> RunPlywoodAsync(string start, string end)
    {
        // Installs the npm packages when node_modules is missing or older than the lock file; fails if it cannot.
        await PrivateMariaDb.RunDevAsync(["deps", "node", s_folder]);

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = s_folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "plywood-queries.js", olap.Http.HostAndPort, Source, start, end })
        {
            info.ArgumentList.Add(argument);
        }

        using var node = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"plywood-queries.js exited with {node.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static void AssertRows(string context, List<object?[]> expected, JsonElement actual, string[] names)
    {
        var rows = actual.EnumerateArray().ToList();
        Assert.True(expected.Count == rows.Count, $"{context}: {rows.Count} rows, MariaDB has {expected.Count}");
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                var value = rows[r].GetProperty(names[c]);
                var where = $"{context}, row {r}, {names[c]}";
                if (expected[r][c] is string or null)
                {
                    Assert.True(Equals(expected[r][c], Text(value)),
                        $"{where}: '{Text(value)}', MariaDB has '{expected[r][c]}'");
                }
                else
                {
                    AssertClose(expected[r][c], value, where);
                }
            }
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>Plywood reads every metric as a double: equal to MariaDB's exact value to 1e-12 relative.</summary>
    private static void AssertClose(object? expected, JsonElement actual, string where)
    {
        var truth = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{where}: {actual} is not a number");
        var value = actual.GetDouble();
        Assert.True(Math.Abs(value - truth) <= 1e-12 * Math.Max(1, Math.Abs(truth)),
            $"{where}: {value.ToString("R", CultureInfo.InvariantCulture)}, MariaDB has " +
            truth.ToString("R", CultureInfo.InvariantCulture));
    }
}
