using Monolith.Shop;
using Monolith.Shop.Bulk;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;

namespace Monolith.Cli;

/// <summary>
/// <c>monolith shop init|run|load</c>: the demo shop's schema and reference data, its live workload, and bulk
/// data for benchmarks, against a MariaDB or MySQL server reached as an administrative user.
/// </summary>
internal static class ShopCommand
{
    private static readonly string[] s_connectionOptions = ["host", "port", "user", "password", "database", "seed"];

    public static async Task<int> RunAsync(CommandLineArguments args, CancellationToken cancel)
    {
        if (args.Positional.Count != 1)
        {
            throw new UsageException("shop needs one of: init, run, load.");
        }

        using var logging = ConsoleLogging.Create();
        var logger = logging.CreateLogger("Monolith.Shop");
        var connection = ShopConnection.Create(
            args.Get("host", "127.0.0.1"),
            (int)args.GetInt64("port", 3306),
            args.Get("user", "admin"),
            args.Get("password", ""));
        var database = args.Get("database", "shop");
        var seed = args.GetInt64("seed", 42);

        switch (args.Positional[0])
        {
            case "init":
                args.RejectUnknown([.. s_connectionOptions, "users", "products", "recreate"]);
                var summary = await ShopDatabase.CreateAsync(
                    new ShopDatabaseOptions
                    {
                        ConnectionString = connection,
                        Database = database,
                        Seed = seed,
                        Users = (int)args.GetInt64("users", 1000),
                        Products = (int)args.GetInt64("products", 200),
                        Recreate = args.Has("recreate"),
                    },
                    logger,
                    cancel);
                await Console.Out.WriteLineAsync(summary.ToString());
                return 0;

            case "run":
                args.RejectUnknown(
                    [.. s_connectionOptions, "rate", "time", "duration", "transactions", "connections", "mix", "zone"]);
                var rate = args.GetDouble("rate", 0);
                var duration = args.GetDouble("duration", 0);
                var transactions = args.GetInt64("transactions", 0);
                var workload = new ShopWorkload(
                    new ShopWorkloadOptions
                    {
                        ConnectionString = connection,
                        Database = database,
                        Seed = seed,
                        Rate = rate > 0 ? rate : null,
                        Connections = (int)args.GetInt64("connections", 1),
                        Duration = duration > 0 ? TimeSpan.FromSeconds(duration) : null,
                        MaxTransactions = transactions > 0 ? transactions : null,
                        TimeMode = args.Get("time", "real") switch
                        {
                            "real" => ShopTimeMode.Real,
                            "simulated" => ShopTimeMode.Simulated,
                            var other => throw new UsageException($"--time must be real or simulated, not '{other}'."),
                        },
                        TimeZone = args.Get("zone", "UTC"),
                        Mix = args.Get("mix") is { } mix ? TransactionMix.Parse(mix) : TransactionMix.Default,
                    },
                    logger);
                WorkloadReport report;
                try
                {
                    report = await workload.RunAsync(cancel);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    return 130;
                }

                await Console.Out.WriteLineAsync(report.ToString());
                return report.Failed > 0 ? 1 : 0;

            case "load":
                args.RejectUnknown([.. s_connectionOptions, "orders", "chunk"]);
                var loader = new ShopBulkLoader(
                    new BulkLoadOptions
                    {
                        ConnectionString = connection,
                        Database = database,
                        Seed = seed,
                        Orders = args.GetInt64("orders", 1_000_000),
                        ChunkSize = (int)args.GetInt64("chunk", 50_000),
                    },
                    logger);
                var progress = new Progress<long>(done => Log.OrdersLoaded(logger, done));
                var loaded = await loader.LoadAsync(progress, cancel);
                await Console.Out.WriteLineAsync(loaded.ToString());
                return 0;

            default:
                throw new UsageException($"unknown shop command '{args.Positional[0]}'; use init, run or load.");
        }
    }
}
