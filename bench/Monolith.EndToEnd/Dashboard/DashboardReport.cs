using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Monolith.Engine.Rollups;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>Everything one run measured, and its Markdown for <c>bench/README.md</c>.</summary>
internal sealed class DashboardReport
{
    /// <summary>Monolith must be this many times faster than each peer (median against median).</summary>
    private const double DuckDbGoal = 100;
    private const double MariaDbGoal = 1_000;

    public TimeSpan LoadTime { get; set; }

    public long SourceRows { get; set; }

    public TimeSpan IngestTime { get; set; }

    public long IngestRows { get; set; }

    public IReadOnlyList<RollupStatus> Rollups { get; set; } = [];

    public long DuckDbRows { get; set; }

    public string Versions { get; set; } = "";

    public List<QueryRow> Queries { get; } = [];

    public string LoadAverage { get; set; } = "";

    public LiveProbe.Result? Live { get; set; }

    public TimeSpan LiveCatchUp { get; set; }

    public List<string> LiveDifferences { get; } = [];

    public bool AllAgree => Queries.All(q => q.Differences.Count == 0) && LiveDifferences.Count == 0;

    public string ToMarkdown(DashboardOptions options, string directory)
    {
        var text = new StringBuilder();
        var n = options.Orders.ToString("N0", CultureInfo.InvariantCulture);
        Line(text, $"### Dashboard queries at {n} orders: Monolith's rollups, DuckDB and MariaDB side by side");
        Line(text, "");
        Line(text, "```");
        Line(text, $"dotnet run -c Release --project bench/Monolith.EndToEnd -- dashboard --orders {options.Orders} " +
                   $"--runs {options.MonolithRuns} --duckdb-runs {options.DuckDbRuns} " +
                   $"--mariadb-runs {options.MariaDbRuns} --live-seconds {options.LiveSeconds} " +
                   $"--connections {options.Connections}");
        Line(text, "```");
        Line(text, "");
        Line(text, $"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
                   $".NET {Environment.Version}; 1-minute load average {LoadAverage} after timing. {Versions}.");
        Line(text, $"- Data: {SourceRows:N0} source rows (orders, order items, payments; `ShopBulkLoader`" +
                   (LoadTime > TimeSpan.Zero ? $", loaded in {LoadTime:h\\:mm\\:ss}" : ", loaded in an earlier run") +
                   $"), private MariaDB in `{directory}`.");
        Line(text, $"- Monolith ingest: `MonolithPipeline` from the first binlog file applied {IngestRows:N0} row " +
                   $"changes and published them in {IngestTime.TotalSeconds:N1} s: " +
                   $"**{IngestRows / IngestTime.TotalSeconds:N0} rows/s** (decode, ring, transform, rollups).");
        Line(text, $"- DuckDB: in process, over its own copy of {DuckDbRows:N0} rows (copy not timed). MariaDB: " +
                   "GROUP BY over the source tables with covering indexes, data in the buffer pool.");
        Line(text, $"- Runs per query after warm-up: Monolith {options.MonolithRuns}, DuckDB {options.DuckDbRuns}, " +
                   $"MariaDB {options.MariaDbRuns}; p99 is the nearest-rank 99th percentile (the slowest run below " +
                   "100 runs). Speed-ups compare medians.");
        Line(text, "");
        Line(text, "| Query | Monolith median | Monolith p99 | DuckDB median | DuckDB p99 | MariaDB median | " +
                   "MariaDB p99 | × DuckDB | × MariaDB | Answers |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var q in Queries)
        {
            Line(text, $"| {q.Title} | {Latencies.Format(q.Monolith!.Median)} | {Latencies.Format(q.Monolith.P99)} " +
                       $"| {Latencies.Format(q.DuckDb!.Median)} | {Latencies.Format(q.DuckDb.P99)} " +
                       $"| {Latencies.Format(q.MariaDb!.Median)} | {Latencies.Format(q.MariaDb.P99)} " +
                       $"| {Ratio(q.DuckDb, q.Monolith)} | {Ratio(q.MariaDb, q.Monolith)} " +
                       $"| {(q.Differences.Count == 0 ? $"equal ({q.Expected.Rows.Count} rows)" : "**DIFFERENT**")} |");
        }

        Line(text, "");
        Goals(text);
        Rollup(text);
        LiveSection(text, options);
        return text.ToString();
    }

    private void Goals(StringBuilder text)
    {
        var slowDuck = Queries.Where(q => Speedup(q.DuckDb!, q.Monolith!) < DuckDbGoal).Select(q => q.Title).ToList();
        var slowMaria = Queries.Where(q => Speedup(q.MariaDb!, q.Monolith!) < MariaDbGoal).Select(q => q.Title)
            .ToList();
        Line(text, $"- Goal ≥ {DuckDbGoal:N0}× DuckDB per query: " + (slowDuck.Count == 0
            ? "**met** for every query."
            : $"**not met** for {string.Join(", ", slowDuck)}."));
        Line(text, $"- Goal ≥ {MariaDbGoal:N0}× MariaDB per query: " + (slowMaria.Count == 0
            ? "**met** for every query."
            : $"**not met** for {string.Join(", ", slowMaria)}."));
        var different = Queries.Where(q => q.Differences.Count > 0).ToList();
        Line(text, different.Count == 0
            ? "- Answers: equal on all three engines for every query (counts and decimal sums digit for digit)."
            : $"- Answers: **different** for {string.Join("; ", different.SelectMany(q => q.Differences))}.");
    }

    private void Rollup(StringBuilder text)
    {
        Line(text, "");
        Line(text, "Rollup memory as `/status` reports it (`RollupStore.GetStatus()`), after the catch-up:");
        Line(text, "");
        Line(text, "| Rollup | Live groups | State + index B/group | Dictionaries | Total | `bytesPerGroup` |");
        Line(text, "|---|---:|---:|---:|---:|---:|");
        foreach (var rollup in Rollups)
        {
            var perGroup = rollup.LiveGroups == 0 ? 0 : (rollup.StateBytes + rollup.IndexBytes) / rollup.LiveGroups;
            Line(text, $"| {rollup.Name} | {rollup.LiveGroups:N0} | {perGroup:N0} | {Bytes(rollup.DictionaryBytes)} " +
                       $"| {Bytes(rollup.TotalBytes)} | {rollup.BytesPerGroup:N0} |");
        }

        Line(text, "");
        var over = Rollups.Where(r => r.LiveGroups > 0 && (r.StateBytes + r.IndexBytes) / r.LiveGroups >= 64)
            .Select(r => r.Name).ToList();
        Line(text, "- Goal under 64 bytes a group besides dictionaries: " + (over.Count == 0
            ? "**met** for every rollup."
            : $"**not met** for {string.Join(", ", over)}."));
    }

    private void LiveSection(StringBuilder text, DashboardOptions options)
    {
        if (Live is not { } live)
        {
            return;
        }

        Line(text, "");
        var window = Math.Max(live.Window.TotalSeconds, 1e-3);
        var workload = Math.Max(live.WorkloadElapsed.TotalSeconds, 1e-3);
        Line(text, $"Live: the shop's workload (`monolith shop run`, a child process) unthrottled on " +
                   $"{options.Connections} connections committed {live.Commits:N0} transactions in " +
                   $"{workload:N1} s ({live.Commits / workload:N0} transactions/s, " +
                   $"{live.CommitRowChanges / workload:N0} row changes/s); from the first of them the pipeline " +
                   $"saw ({live.BeforeFirstCommit.TotalSeconds:N1} s after the start, while the workload read its " +
                   $"starting state) to the workload's end ({window:N1} s), the pipeline took in " +
                   $"{live.RowsPerSecond:N0} rows/s, the longest hand-off to visibility seen was " +
                   $"{Latencies.Format(live.HandOffToVisibleMax)}, and it had caught up " +
                   $"{Latencies.Format(LiveCatchUp)} after the workload stopped. Meanwhile one thread queried the " +
                   $"rollups in a loop ({live.All.Count:N0} queries in the window):");
        Line(text, "");
        Line(text, "| Query while ingesting | Runs | Median | p99 | Max |");
        Line(text, "|---|---:|---:|---:|---:|");
        foreach (var (title, latencies) in live.PerQuery)
        {
            Line(text, $"| {title} | {latencies.Count:N0} | {Latencies.Format(latencies.Median)} " +
                       $"| {Latencies.Format(latencies.P99)} | {Latencies.Format(latencies.Percentile(1))} |");
        }

        Line(text, $"| All | {live.All.Count:N0} | {Latencies.Format(live.All.Median)} " +
                   $"| {Latencies.Format(live.All.P99)} | {Latencies.Format(live.All.Percentile(1))} |");
        Line(text, "");
        var underOneMs = live.PerQuery.Where(p => p.Latencies.P99 < TimeSpan.FromMilliseconds(1))
            .Select(p => p.Title).ToList();
        Line(text, "- Goal p99 under 1 ms while ingesting at full speed: " +
                   (live.All.P99 < TimeSpan.FromMilliseconds(1) ? "**met**." :
                       underOneMs.Count == 0 ? "**not met** for any query." :
                       $"**not met** over all queries; met for: {string.Join(", ", underOneMs)}."));
        var added = live.AddedLatency;
        Line(text, $"- Monolith's added latency over the window (commit event read off the connection to the first " +
                   $"published version holding it), {added.Count:N0} transactions: median " +
                   $"{Latencies.Format(added.P50)}, p99 {Latencies.Format(added.P99)}, p99.9 " +
                   $"{Latencies.Format(added.P999)}, longest {Latencies.Format(added.Max)}. Goal p99 under 1 ms: " +
                   (added.Count > 0 && added.P99 < TimeSpan.FromMilliseconds(1) ? "**met**." : "**not met**."));
        Line(text, $"- Garbage collections in the window: {live.Gc.Gen0:N0} of generation 0, {live.Gc.Gen1:N0} of " +
                   $"generation 1, {live.Gc.Gen2:N0} of generation 2; the runtime paused the process for " +
                   $"{Latencies.Format(live.Gc.Paused)} in all. The process allocated {Bytes(live.Gc.Allocated)} " +
                   $"({Bytes((long)(live.Gc.Allocated / window))} a second), the querying thread " +
                   $"{Bytes(live.Gc.QueryThreadAllocated)} " +
                   $"({live.Gc.QueryThreadAllocated / Math.Max(1, live.All.Count):N0} bytes a query).");
        Line(text, LiveDifferences.Count == 0
            ? "- After the live phase, Monolith's answers equal MariaDB's for every query."
            : $"- After the live phase, **different** answers: {string.Join("; ", LiveDifferences)}.");
    }

    private static double Speedup(Latencies peer, Latencies monolith) =>
        peer.Median.Ticks / Math.Max(1.0, monolith.Median.Ticks);

    private static string Ratio(Latencies peer, Latencies monolith) =>
        Speedup(peer, monolith).ToString("N0", CultureInfo.InvariantCulture) + "×";

    private static string Bytes(long bytes) => bytes switch
    {
        < 10_000 => $"{bytes:N0} B",
        < 10_000_000 => $"{bytes / 1024.0:N0} KiB",
        _ => $"{bytes / (1024.0 * 1024):N0} MiB",
    };

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>One query: Monolith's answer, the peers' differences from it, and the timings.</summary>
    public sealed class QueryRow(string title, Answer expected)
    {
        public string Title { get; } = title;

        public Answer Expected { get; } = expected;

        public List<string> Differences { get; } = [];

        public Latencies? Monolith { get; set; }

        public Latencies? DuckDb { get; set; }

        public Latencies? MariaDb { get; set; }
    }
}
