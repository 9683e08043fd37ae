using Monolith.Binlog;
using Monolith.Binlog.Text;

namespace Monolith.Cli;

/// <summary>
/// <c>monolith binlog dump FILE...</c> prints one JSON line per committed row change;
/// <c>monolith binlog stats FILE...</c> decodes every value without printing and reports counts and speed.
/// </summary>
internal static class BinlogCommand
{
    public static async Task<int> RunAsync(CommandLineArguments args, CancellationToken cancel)
    {
        args.RejectUnknown("quiet");
        if (args.Positional.Count < 2)
        {
            throw new UsageException("binlog needs dump or stats, then one or more binlog files.");
        }

        var files = args.Positional.Skip(1).ToList();
        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            await Console.Error.WriteLineAsync($"monolith binlog: no such file: {file}");
            return 1;
        }

        try
        {
            switch (args.Positional[0])
            {
                case "dump":
                    await using (var output = Console.OpenStandardOutput())
                    {
                        var diagnostics = args.Has("quiet") ? null : Console.Error;
                        await BinlogCommands.DumpAsync(files, output, diagnostics, cancellationToken: cancel);
                    }

                    return 0;
                case "stats":
                    var report = await BinlogCommands.StatsAsync(files, cancellationToken: cancel);
                    report.WriteTo(Console.Out);
                    return 0;
                default:
                    throw new UsageException($"unknown binlog command '{args.Positional[0]}'; use dump or stats.");
            }
        }
        catch (BinlogException e)
        {
            await Console.Error.WriteLineAsync($"monolith binlog: {e.Message}");
            return 1;
        }
    }
}
