using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Shop.Vocabulary;
using MySqlConnector;

namespace Monolith.Shop.Workload;

/// <summary>
/// Drives realistic, seeded traffic against a shop database: orders placed, paid, shipped, delivered, cancelled
/// and refunded, products repriced and restocked, categories renamed, users registered and deleted.
/// </summary>
/// <remarks>
/// At the start the workload reads the users, products, categories and open orders it can act on. Users (and
/// their orders) are split between the connections, so with one connection and the same seed the statements
/// are the same on every run over the same starting contents.
/// </remarks>
public sealed class ShopWorkload
{
    /// <summary>Open orders read at the start, per status at most: the most recent ones.</summary>
    private const int OpenOrdersPerStatus = 200_000;

    private readonly ShopWorkloadOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">An option is out of range or names an unknown time zone.</exception>
    public ShopWorkload(ShopWorkloadOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs until <see cref="ShopWorkloadOptions.Duration"/> or <see cref="ShopWorkloadOptions.MaxTransactions"/>
    /// is reached or <paramref name="cancellationToken"/> fires; transactions under way are finished first.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The database has no active products (run the init first).
    /// </exception>
    /// <exception cref="MySqlException">The server could not be reached or a connection broke.</exception>
    public async Task<WorkloadReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var connectionString = ShopConnection.ForShop(_options.ConnectionString, _options.Database);
        var connections = _options.Connections;
        var states = Enumerable.Range(0, connections).Select(_ => new ConnectionState()).ToArray();
        var (catalog, categories, fingerprint) = await LoadAsync(connectionString, states, cancellationToken);

        var counters = new WorkloadCounters();
        var run = new RunControl(_options.MaxTransactions);
        var clock = new ShopClock(_options.TimeMode, _options.SimulatedStart, _options.SimulatedStep,
            _options.ResolveTimeZone());
        var rate = _options.Rate is > 0 and var r ? r.ToString("0.##", CultureInfo.InvariantCulture) : "unlimited";
        Log.WorkloadStarted(_logger, ShopConnection.Describe(_options.ConnectionString), _options.Database,
            connections, rate, _options.Seed, _options.TimeMode);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        // The generator of each connection depends on the seed, the connection and the starting contents: a
        // second run over the same database must not repeat the first run's e-mail addresses.
        var workers = Enumerable.Range(0, connections).Select(i => new WorkloadWorker(
                i, _options, states[i], catalog, categories, counters, run, clock,
                ShopRandom.Derive(_options.Seed, i, fingerprint), _logger))
            .ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            try
            {
                await w.RunAsync(connectionString, stop.Token);
            }
            catch
            {
                // A broken connection ends the run: the other connections finish their transaction and stop.
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None)));
        var report = counters.ToReport(Stopwatch.GetElapsedTime(started));

        Log.WorkloadFinished(_logger, report.Transactions, report.Elapsed, report.TransactionsPerSecond,
            report.RowChangesPerSecond, report.Deadlocks + report.LockWaitTimeouts, report.Failed);
        return report;
    }

    private async Task<(ProductCatalog, List<(ulong, string)>, long)> LoadAsync(
        string connectionString, ConnectionState[] states, CancellationToken cancellationToken)
    {
        await using var connection = await ShopConnection.OpenUtcAsync(connectionString, cancellationToken);

        var products = new List<(ulong, decimal)>();
        await using (var command = new MySqlCommand(
                         "SELECT id, price FROM products WHERE is_active ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                products.Add((reader.GetUInt64(0), reader.GetDecimal(1)));
            }
        }

        if (products.Count == 0)
        {
            throw new InvalidOperationException(
                $"Database '{_options.Database}' has no active products; create the shop first (shop init).");
        }

        var categories = new List<(ulong, string)>();
        await using (var command = new MySqlCommand("SELECT id, name FROM categories ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                categories.Add((reader.GetUInt64(0), BaseName(reader.GetString(1))));
            }
        }

        // Users go to connections in turn; each connection later acts only on its own users' orders.
        var owner = new Dictionary<ulong, int>();
        var next = 0;
        ulong maxUser = 0;
        await using (var command = new MySqlCommand("SELECT id, country FROM users ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetUInt64(0);
                owner[id] = next;
                states[next].AddUser(new ShopUser(id, ShopFactory.CountryByCode(reader.GetString(1))));
                next = (next + 1) % states.Length;
                maxUser = Math.Max(maxUser, id);
            }
        }

        var openOrders = 0;
        ulong maxOrder = 0;
        foreach (var status in (string[])["pending", "paid", "shipped", "delivered"])
        {
            var orders = new List<(ulong Id, ulong User, decimal Total, string Country)>();
            await using (var command = new MySqlCommand(
                             "SELECT id, user_id, total, country FROM orders WHERE status = @status " +
                             "ORDER BY id DESC LIMIT @limit", connection))
            {
                command.Parameters.AddWithValue("@status", status);
                command.Parameters.AddWithValue("@limit", OpenOrdersPerStatus);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    orders.Add((reader.GetUInt64(0), reader.GetUInt64(1), reader.GetDecimal(2), reader.GetString(3)));
                }
            }

            // Oldest first, so that the pools' contents do not depend on the LIMIT's scan direction.
            orders.Reverse();
            foreach (var order in orders)
            {
                var at = owner.TryGetValue(order.User, out var o) ? o : (int)(order.Id % (ulong)states.Length);
                states[at].PoolFor(status).Add(
                    new OpenOrder(order.Id, order.User, order.Total, ShopFactory.CountryByCode(order.Country)));
                maxOrder = Math.Max(maxOrder, order.Id);
            }

            openOrders += orders.Count;
        }

        Log.WorkloadStateLoaded(_logger, owner.Count, products.Count, openOrders);
        var fingerprint = unchecked((long)(maxUser * 1_000_003UL) ^ (long)maxOrder);
        return (new ProductCatalog(products), categories, fingerprint);
    }

    /// <summary>A category's name without the decorations an earlier rename gave it.</summary>
    private static string BaseName(string name)
    {
        foreach (var pattern in ShopVocabulary.CategoryRenames)
        {
            var at = pattern.IndexOf("{0}", StringComparison.Ordinal);
            var prefix = pattern[..at];
            var suffix = pattern[(at + 3)..];
            if ((prefix.Length > 0 || suffix.Length > 0) && name.Length > prefix.Length + suffix.Length
                && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[prefix.Length..^suffix.Length];
            }
        }

        return name;
    }
}
