using System.Globalization;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>The options of the <c>dashboard</c> harness, parsed from <c>--name value</c> pairs.</summary>
internal sealed record DashboardOptions
{
    public const string Usage =
        "dashboard [--orders N] [--dir D] [--runs N] [--duckdb-runs N] [--mariadb-runs N] [--live-seconds S] " +
        "[--connections N] [--keep-server]";

    /// <summary>Bulk-loaded orders (with their items and payments).</summary>
    public long Orders { get; init; } = 10_000_000;

    /// <summary>The private MariaDB's folder; kept between runs, so a loaded database is reused.</summary>
    public string? Directory { get; init; }

    /// <summary>Timed runs per query for Monolith (after as many warm-up runs).</summary>
    public int MonolithRuns { get; init; } = 200;

    /// <summary>Timed runs per query for DuckDB.</summary>
    public int DuckDbRuns { get; init; } = 20;

    /// <summary>Timed runs per query for MariaDB.</summary>
    public int MariaDbRuns { get; init; } = 5;

    /// <summary>How long the live phase drives the workload while querying; 0 skips it.</summary>
    public int LiveSeconds { get; init; } = 30;

    /// <summary>Workload connections in the live phase.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>Leave the MariaDB server running at the end even when this run started it.</summary>
    public bool KeepServer { get; init; }

    /// <exception cref="ArgumentException">An unknown option, a missing value or a value out of range.</exception>
    public static DashboardOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DashboardOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--keep-server")
            {
                options = options with { KeepServer = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value; usage: {Usage}");
            }

            var value = args[++i];
            options = name switch
            {
                "--orders" => options with { Orders = Number(name, value, 1_000) },
                "--dir" => options with { Directory = value },
                "--runs" => options with { MonolithRuns = (int)Number(name, value, 5) },
                "--duckdb-runs" => options with { DuckDbRuns = (int)Number(name, value, 1) },
                "--mariadb-runs" => options with { MariaDbRuns = (int)Number(name, value, 1) },
                "--live-seconds" => options with { LiveSeconds = (int)Number(name, value, 0) },
                "--connections" => options with { Connections = (int)Number(name, value, 1) },
                _ => throw new ArgumentException($"unknown option {name}; usage: {Usage}"),
            };
        }

        return options;
    }

    private static long Number(string name, string value, long minimum)
    {
        if (!long.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
            || number < minimum || number > 1_000_000_000)
        {
            throw new ArgumentException($"{name} must be a whole number from {minimum:N0} on, not '{value}'");
        }

        return number;
    }
}
