using System.Diagnostics;
using System.Globalization;
using Monolith.Shop.Bulk;
using Monolith.Shop.Schema;
using MySqlConnector;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// The shop database the dashboard reads: reference data and N bulk-loaded orders spread over
/// <see cref="Span"/> from <see cref="Start"/>. Loading 10 million orders takes a quarter of an hour, so it is
/// resumable and reused: a marker table in a database of the harness's own records the target, chunks already
/// committed are counted (orders created before <see cref="End"/>; the live workload writes at the wall clock,
/// years later) and only the rest is loaded, over the rest of the span, with a seed of its own.
/// </summary>
internal static class ShopDataset
{
    public const string Database = "shop";

    /// <summary>The harness's own bookkeeping, outside the shop so no rollup reads it.</summary>
    public const string BenchDatabase = "dashboard_bench";

    public const long Seed = 42;

    /// <summary>The bulk loader's default start and span: the shop's history.</summary>
    public static readonly DateTime Start = new BulkLoadOptions { ConnectionString = "x" }.Start;

    public static readonly TimeSpan Span = new BulkLoadOptions { ConnectionString = "x" }.Span;

    /// <summary>The end of the loaded history: "now" for the dashboard's fixed time ranges.</summary>
    public static DateTime End => Start + Span;

    /// <summary>Makes sure the database holds <paramref name="orders"/> bulk orders; returns the time spent
    /// loading (zero when they were there already).</summary>
    /// <exception cref="InvalidOperationException">The database holds a load of another size.</exception>
    public static async Task<TimeSpan> EnsureAsync(string connectionString, long orders, TextWriter log,
        CancellationToken cancel)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        await ExecuteAsync(connection, "SET time_zone = '+00:00'", cancel);
        await ExecuteAsync(connection,
            $"CREATE DATABASE IF NOT EXISTS {BenchDatabase}; " +
            $"CREATE TABLE IF NOT EXISTS {BenchDatabase}.loads (target BIGINT NOT NULL PRIMARY KEY, " +
            "complete BOOLEAN NOT NULL)", cancel);

        var recorded = await RecordedAsync(connection, cancel);
        if (recorded is { } load && load.Target != orders)
        {
            throw new InvalidOperationException(
                $"the database holds a load of {load.Target:N0} orders, not {orders:N0}; use another --dir");
        }

        if (recorded is { Complete: true })
        {
            await log.WriteLineAsync($"shop: {orders:N0} orders loaded in an earlier run");
            return TimeSpan.Zero;
        }

        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = connectionString,
            Database = Database,
            Seed = Seed,
        }, cancellationToken: cancel);
        var present = await ScalarAsync(connection,
            $"SELECT COUNT(*) FROM {Database}.orders WHERE created_at < '{End:yyyy-MM-dd HH:mm:ss}'", cancel);
        await ExecuteAsync(connection,
            $"REPLACE INTO {BenchDatabase}.loads VALUES ({orders}, {(present >= orders ? 1 : 0)})", cancel);
        if (present >= orders)
        {
            await log.WriteLineAsync($"shop: {present:N0} orders present");
            return TimeSpan.Zero;
        }

        var missing = orders - present;
        await log.WriteLineAsync(present == 0
            ? $"shop: loading {orders:N0} orders (about 90 s per million on two cores)"
            : $"shop: resuming the load at {present:N0} of {orders:N0} orders");
        var started = Stopwatch.GetTimestamp();
        var loader = new ShopBulkLoader(new BulkLoadOptions
        {
            ConnectionString = connectionString,
            Database = Database,
            Orders = missing,
            Seed = Seed + present,
            Start = Start + Share(present, orders),
            Span = Share(missing, orders),
        });
        var report = await loader.LoadAsync(new Progress<long>(done =>
        {
            if (done % 1_000_000 < 50_000)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"shop: {present + done:N0} of {orders:N0} orders after {Stopwatch.GetElapsedTime(started):g}"));
            }
        }), cancel);
        await ExecuteAsync(connection, $"UPDATE {BenchDatabase}.loads SET complete = 1 WHERE target = {orders}",
            cancel);
        await log.WriteLineAsync($"shop: {report}");
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The part <paramref name="part"/>/<paramref name="whole"/> of the span, in whole ticks (the
    /// product overflows 64 bits from about 100,000 orders on).</summary>
    private static TimeSpan Share(long part, long whole) =>
        TimeSpan.FromTicks((long)((Int128)Span.Ticks * part / whole));

    private static async Task<(long Target, bool Complete)?> RecordedAsync(MySqlConnection connection,
        CancellationToken cancel)
    {
        await using var command = new MySqlCommand($"SELECT target, complete FROM {BenchDatabase}.loads", connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? (reader.GetInt64(0), reader.GetBoolean(1)) : null;
    }

    internal static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync(cancel);
    }

    internal static async Task<long> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 3600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture);
    }
}
