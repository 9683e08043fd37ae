using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monolith.Binlog;
using Monolith.Binlog.Replication;
using Monolith.Engine.Enrichment;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using MySqlConnector;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// Monolith's side: the real pipeline (replica connection, ring, compute stage, rollup store) with the demo's
/// rollups from <c>data/shop.json</c>, tailing the binlog from its first file; catching up means publishing
/// the position the server reported once a marker transaction was committed after everything else.
/// </summary>
internal sealed class RollupIngest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RollupIngest(MonolithPipeline pipeline)
    {
        Pipeline = pipeline;
        _run = Task.Run(() => pipeline.RunAsync(_stop.Token));
    }

    public MonolithPipeline Pipeline { get; }

    public static RollupIngest Start(string root, PrivateServer server, ILoggerFactory loggers)
    {
        var source = server.Replication("earliest", serverId: 4290);
        // The join rollup remembers every order item's joined values: at millions of orders that outgrows
        // memory, so the state gets a directory to spill to, as `monolith run` gives it State:Directory.
        var state = Path.Combine(root, ".dev", "dashboard-state");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        var options = new PipelineOptions { Enrichment = new EnrichmentOptions { StateDirectory = state } };
        return new RollupIngest(new MonolithPipeline(source, Definitions(root), loggers, options));
    }

    /// <summary>The rollups of the demo configuration.</summary>
    public static IReadOnlyList<RollupDefinition> Definitions(string root)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "data", "shop.json")));
        return document.RootElement.GetProperty("Rollups").EnumerateObject()
            .Select(p => RollupDefinition.Parse(p.Name, p.Value.GetString()
                                                       ?? throw new InvalidDataException($"rollup {p.Name}: no SQL")))
            .ToList();
    }

    /// <summary>
    /// Commits a marker transaction, reads the server's binlog position after it and waits until the pipeline
    /// published a version at or past it.
    /// </summary>
    /// <exception cref="TimeoutException">The published position stopped moving for a minute.</exception>
    public async Task CatchUpAsync(MySqlConnection admin, CancellationToken cancel)
    {
        await ShopDataset.ExecuteAsync(admin,
            $"CREATE TABLE IF NOT EXISTS {ShopDataset.BenchDatabase}.marks (at TIMESTAMP(6) NOT NULL); " +
            $"INSERT INTO {ShopDataset.BenchDatabase}.marks VALUES (NOW(6))", cancel);
        var target = await MasterPositionAsync(admin, cancel);
        var last = Pipeline.Counters.PublishedPosition?.Position;
        var lastMove = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_run.IsCompleted)
            {
                await _run;
                throw new InvalidOperationException("the pipeline stopped while catching up");
            }

            var published = Pipeline.Counters.PublishedPosition?.Position;
            if (published is { } at && Compare(at, target) >= 0)
            {
                return;
            }

            if (published != last)
            {
                last = published;
                lastMove = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastMove) > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException(
                    $"the pipeline published {published?.ToString() ?? "nothing"} and then no more for a minute; " +
                    $"the binlog ends at {target}; source: {Pipeline.SourceStatus}");
            }

            await Task.Delay(20, cancel);
        }
    }

    private static async Task<BinlogPosition> MasterPositionAsync(MySqlConnection admin, CancellationToken cancel)
    {
        await using var command = new MySqlCommand("SHOW MASTER STATUS", admin);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        if (!await reader.ReadAsync(cancel))
        {
            throw new InvalidOperationException("SHOW MASTER STATUS returned nothing: is the binlog on?");
        }

        return new BinlogPosition(reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>Binlog files of one server share a base name and a zero-padded sequence number.</summary>
    private static int Compare(BinlogPosition a, BinlogPosition b)
    {
        var files = string.CompareOrdinal(a.File, b.File);
        return files != 0 ? files : a.Offset.CompareTo(b.Offset);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        await Pipeline.DisposeAsync();
        _stop.Dispose();
    }
}
