namespace Monolith.EndToEnd;

/// <summary>
/// End-to-end measurements against real peers, each a harness of its own:
/// <c>dotnet run -c Release --project bench/Monolith.EndToEnd -- HARNESS [options]</c>.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, (string Summary, Func<string[], Task<int>> Run)> s_harnesses = new()
    {
        ["pipeline"] = ("the demo workload with Monolith tailing it: rates, freshness, memory, catch-up",
            Pipeline.PipelineHarness.RunAsync),
        ["decode"] = ("binlog decoding: Monolith vs mariadb-binlog (file) and @vlasky/zongji (live)",
            Decode.DecodeHarness.RunAsync),
        ["dashboard"] = (Dashboard.DashboardHarness.Summary, Dashboard.DashboardHarness.RunAsync),
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !s_harnesses.TryGetValue(args[0], out var harness))
        {
            await Console.Error.WriteLineAsync("usage: Monolith.EndToEnd HARNESS [options]; harnesses:");
            foreach (var (name, entry) in s_harnesses)
            {
                await Console.Error.WriteLineAsync($"  {name,-12} {entry.Summary}");
            }

            return 2;
        }

        return await harness.Run(args[1..]);
    }
}
