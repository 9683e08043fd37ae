using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog;
using Monolith.Binlog.Schema;
using Monolith.Engine.Pipeline;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Replication;
using Monolith.IntegrationTests.Shop;
using Monolith.Shop.Schema;
using Monolith.Shop.Verification;
using Monolith.Shop.Workload;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// The demo configuration's rollups (<c>data/shop.json</c>), computed by a pipeline that tails the binlog while a
/// workload of four connections runs, equal the project's ground truth once the pipeline has published the
/// server's last transaction.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class LiveDemoRollupTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Demo_rollups_tailing_a_running_workload_equal_the_ground_truth()
    {
        var (file, offset) = await server.GetBinlogPositionAsync();
        var database = ShopTestDatabase.NewName("stream_live");
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));
        var cases = DemoCases(database);
        var pipeline = new MonolithPipeline(ReplicationTestKit.Options(server, $"{file}:{offset}"),
            StreamRun.Definitions(cases, database), NullLoggerFactory.Instance);
        await using var _ = pipeline;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = pipeline.RunAsync(stop.Token);

        await new ShopWorkload(new ShopWorkloadOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Seed = 7,
            Connections = 4,
            MaxTransactions = 600,
            TimeMode = ShopTimeMode.Simulated,
            SimulatedStart = new DateTimeOffset(2024, 6, 3, 7, 0, 0, TimeSpan.Zero),
            SimulatedStep = TimeSpan.FromSeconds(20),
        }).RunAsync();
        var (endFile, endOffset) = await server.GetBinlogPositionAsync();
        await ReplicationTestKit.WaitUntilAsync(() => pipeline.Counters.PublishedPosition?.Position is { } p &&
                BinlogPositionComparer.Instance.Compare(p, new BinlogPosition(endFile, endOffset)) >= 0,
            () => $"the pipeline to publish {endFile}:{endOffset} (at {pipeline.Counters.PublishedPosition})",
            running: running);

        Assert.Empty(pipeline.BindingErrors);
        Assert.Equal(0, pipeline.Counters.Rejected);
        foreach (var c in cases)
        {
            Assert.Null(await StreamRun.CompareAsync(server, database, pipeline, c));
        }

        await stop.CancelAsync();
        await running;
    }

    private static List<RollupCase> DemoCases(string database)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "data",
            "shop.json")));
        return
        [
            // Join rollups have their own temporal ground truth (Pipeline/JoinRollupsTests).
            .. config.RootElement.GetProperty("Rollups").EnumerateObject()
                .Where(p => !p.Value.GetString()!.Contains(" JOIN ", StringComparison.OrdinalIgnoreCase)).Select(p =>
            {
                var sql = p.Value.GetString()!;
                return new RollupCase(p.Name, sql.Replace(" shop.", " {db}.", StringComparison.Ordinal),
                    GroundTruth.ToSql(GroundTruthQuery.FromRollupSql(sql, database)));
            }),
        ];
    }
}
