using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Replication;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Verification;
using Monolith.Shop.Workload;

namespace Monolith.IntegrationTests.Pipeline;

/// <summary>
/// The demo's rollups (data/shop.json), fed by the real pipeline tailing a real MariaDB while the seeded shop
/// workload places, pays, ships, cancels and refunds orders, reprices products and deletes users, must equal the
/// same aggregates computed by MariaDB over the source tables once the workload stops.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ShopRollupsTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Demo_rollups_equal_sql_ground_truth_after_a_workload_with_updates_and_deletes()
    {
        var database = "rollups_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Users = 200,
            Products = 80,
            Now = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified),
        });

        var rollups = DemoRollups(database);
        await using var pipeline = new MonolithPipeline(
            new ReplicationOptions
            {
                Host = server.Host,
                Port = server.Port,
                User = server.User,
                Password = server.Password,
                ServerId = 7001,
                Start = $"{file}:{offset}",
            },
            [.. rollups.Select(r => RollupDefinition.Parse(r.Name, r.Sql))],
            NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => pipeline.RunAsync(stop.Token));

        var report = await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Seed = 11,
            MaxTransactions = 1500,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStep = TimeSpan.FromSeconds(20),
        }).RunAsync(CancellationToken.None);
        Assert.True(report.Tables["orders"].Updated > 0 && report.Tables["users"].Deleted > 0,
            "the workload must update and delete rows");

        await server.WaitUntilPublishedAsync(pipeline);
        foreach (var (name, sql) in rollups)
        {
            await AssertEqualsGroundTruthAsync(pipeline, name, sql, database);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(0, pipeline.Counters.Rejected);
    }

    private static List<(string Name, string Sql)> DemoRollups(string database)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "data",
            "shop.json")));
        return [.. config.RootElement.GetProperty("Rollups").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String && !p.Value.GetString()!.Contains(" JOIN ",
                StringComparison.OrdinalIgnoreCase))
            .Select(p => (p.Name, p.Value.GetString()!.Replace("shop.", database + ".", StringComparison.Ordinal)))];
    }

    private async Task AssertEqualsGroundTruthAsync(MonolithPipeline pipeline, string rollup, string sql,
        string database)
    {
        var query = GroundTruthQuery.FromRollupSql(sql, database);
        var truth = await GroundTruth.QueryAsync(server.AdminConnectionString(), query, CancellationToken.None);
        var columns = string.Join(", ", query.Dimensions.Select(d => $"\"{d}\"")
            .Concat(query.Aggregates.Select(a => $"\"{a.Name}\"")));
        var result = pipeline.Queries.ExecuteSql(
            $"SELECT __time, {columns} FROM {rollup}");

        var monolith = new Dictionary<string, object?[]>();
        foreach (var row in result.ToArrays())
        {
            var dimensions = row.Skip(1).Take(query.Dimensions.Count).Select(Text).ToArray();
            monolith[GroundTruthResult.KeyOf(Millis(row[0]), dimensions)] = row;
        }

        Assert.True(truth.Count > 0, $"{rollup}: the ground truth is empty");
        Assert.Equal(truth.Count, monolith.Count);
        foreach (var expected in truth)
        {
            Assert.True(monolith.TryGetValue(expected.Key, out var actual),
                $"{rollup}: group {expected.Key} is missing from Monolith's answer");
            for (var a = 0; a < query.Aggregates.Count; a++)
            {
                var value = actual[1 + query.Dimensions.Count + a];
                Assert.True(SameValue(expected.Values[a], value),
                    $"{rollup}, group {expected.Key}, {query.Aggregates[a].Name}: MariaDB says " +
                    $"{expected.Text(a)}, Monolith says {Text(value)}");
            }
        }
    }

    private static long Millis(object? time) => time switch
    {
        long ms => ms,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        DateTime t => new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
        _ => throw new InvalidOperationException($"unexpected __time value {time}"),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool SameValue(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        var left = Text(expected)!;
        var right = Text(actual)!;
        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) &&
            decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
        {
            return l == r;
        }

        return string.Equals(left, right, StringComparison.Ordinal);
    }
}
