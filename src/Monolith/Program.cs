using Monolith.Cli;

namespace Monolith;

/// <summary>The <c>monolith</c> executable: one process that tails a binlog and serves rollups.</summary>
internal static class Program
{
    private const string Usage = """
        usage:
          monolith run --config FILE [--Section:Key=value ...]   run the service (replica, rollups, HTTP API)
          monolith query "SQL" [--url URL] [--format table|json|csv]
                                                                 query a running instance (Druid SQL)
          monolith binlog dump FILE...                           decode binlog files to JSON lines
          monolith binlog stats FILE...                          count row changes per table and time the decoder
          monolith shop init|run|load [options]                  the demo shop's schema, workload and bulk data
          monolith version
        """;

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await DispatchAsync(args, cancel.Token);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"monolith: {e.Message}");
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static async Task<int> DispatchAsync(string[] args, CancellationToken cancel)
    {
        var command = args.Length > 0 ? args[0] : "help";
        var rest = args.Skip(1).ToArray();
        switch (command)
        {
            case "run":
                return await Hosting.RunCommand.RunAsync(CommandLineArguments.Parse(rest), cancel);
            case "query":
                return await QueryCommand.RunAsync(CommandLineArguments.Parse(rest), Console.Out, cancel);
            case "binlog":
                return await BinlogCommand.RunAsync(CommandLineArguments.Parse(rest, "quiet"), cancel);
            case "shop":
                return await ShopCommand.RunAsync(CommandLineArguments.Parse(rest, "recreate"), cancel);
            case "version" or "--version":
                await Console.Out.WriteLineAsync(
                    typeof(Program).Assembly.GetName().Version?.ToString() ?? "unknown");
                return 0;
            case "help" or "--help" or "-h":
                await Console.Out.WriteLineAsync(Usage);
                return 0;
            default:
                throw new UsageException($"unknown command '{command}'.");
        }
    }
}
