using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Shop.Vocabulary;
using MySqlConnector;

namespace Monolith.Shop.Bulk;

/// <summary>
/// Adds many historical orders fast, for benchmarks: each chunk is one transaction of three
/// <c>INSERT ... SELECT</c> statements over MariaDB's SEQUENCE engine (<c>seq_1_to_N</c>), so no row crosses the
/// network. Values come from CRC32 hashes of the seed and the order's number, so the same seed over the same
/// database gives the same rows.
/// </summary>
/// <remarks>
/// Distributions: 1 to 6 items per order (mostly 1 or 2), quantities mostly 1, one line in ten discounted, one
/// order in eight with a coupon; customers and products drawn uniformly from the shop's; orders spread evenly over
/// <see cref="BulkLoadOptions.Span"/>. Old orders are delivered, cancelled (4 %) or refunded (3 %); only the most
/// recent 3 % of the span holds pending, paid and shipped orders, as a real shop's history does.
/// </remarks>
public sealed partial class ShopBulkLoader
{
    private readonly BulkLoadOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ShopBulkLoader(BulkLoadOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Writes the orders, their items and payments; reports the rows written and the rate.</summary>
    /// <param name="progress">Told the number of orders written after each chunk.</param>
    /// <param name="cancellationToken">Stops between chunks; chunks written stay.</param>
    /// <exception cref="InvalidOperationException">The database has no users or no active products.</exception>
    /// <exception cref="MySqlException">The server refused a statement.</exception>
    public async Task<BulkLoadReport> LoadAsync(
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var connectionString = ShopConnection.ForShop(_options.ConnectionString, _options.Database, 3600);
        await using var connection = await ShopConnection.OpenUtcAsync(connectionString, cancellationToken);
        var (users, products) = await PrepareAsync(connection, cancellationToken);

        // The bulk session's own settings: every value written is unique by construction, so InnoDB may defer
        // unique checks of secondary indexes; and MariaDB's split materialization would aggregate a chunk's items
        // once per order instead of once per chunk.
        await ExecuteAsync(connection, null,
            "SET SESSION unique_checks = 0, optimizer_switch = 'split_materialized=off'", cancellationToken);
        var baseId = await ScalarAsync(connection, "SELECT COALESCE(MAX(id), 0) FROM orders", cancellationToken);
        Log.BulkLoadStarted(_logger, ShopConnection.Describe(_options.ConnectionString), _options.Database,
            _options.Orders, _options.ChunkSize);

        var started = Stopwatch.GetTimestamp();
        long orders = 0, items = 0, payments = 0;
        for (var first = 1L; first <= _options.Orders; first += _options.ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(_options.ChunkSize, _options.Orders - first + 1);
            var chunk = new Chunk(first, count, baseId, users, products, this);

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            items += await ExecuteAsync(connection, transaction, chunk.ItemsSql(), cancellationToken);
            orders += await ExecuteAsync(connection, transaction, chunk.OrdersSql(), cancellationToken);
            payments += await ExecuteAsync(connection, transaction, chunk.PaymentsSql(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            progress?.Report(orders);
            Log.BulkLoadProgress(_logger, orders, _options.Orders);
        }

        var report = new BulkLoadReport(orders, items, payments, Stopwatch.GetElapsedTime(started));
        Log.BulkLoadFinished(_logger, report.Rows, report.Elapsed, report.RowsPerSecond);
        return report;
    }

    /// <summary>
    /// Numbers the users and active products densely in temporary tables (not written to a row-based binlog), so
    /// a hash modulo the count picks one by primary key; adds the countries' currencies and the payment methods.
    /// </summary>
    private static async Task<(long Users, long Products)> PrepareAsync(
        MySqlConnection connection, CancellationToken cancellationToken)
    {
        var countries = string.Join(", ", ShopVocabulary.Countries.Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"('{c.Code}', '{c.Currency}', {c.VatRate}, {c.EuroRate}, {c.Decimals})")));
        var methods = new List<string>();
        var low = 0;
        var total = ShopVocabulary.PaymentMethods.Sum(m => m.Weight);
        foreach (var (method, weight, fee) in ShopVocabulary.PaymentMethods)
        {
            var high = low + (weight * 100 / total) - 1;
            if (method == ShopVocabulary.PaymentMethods[^1].Method)
            {
                high = 99;
            }

            methods.Add(string.Create(CultureInfo.InvariantCulture, $"('{method}', {fee}, {low}, {high})"));
            low = high + 1;
        }

        await ExecuteAsync(connection, null,
            "DROP TEMPORARY TABLE IF EXISTS bulk_countries, bulk_users, bulk_products, bulk_methods; " +
            "CREATE TEMPORARY TABLE bulk_countries (code CHAR(2) PRIMARY KEY, currency CHAR(3), " +
            "vat DECIMAL(5,4), rate DECIMAL(12,6), decimals TINYINT) ENGINE=MEMORY; " +
            $"INSERT INTO bulk_countries VALUES {countries}; " +
            "CREATE TEMPORARY TABLE bulk_methods (method VARCHAR(20), fee_rate DECIMAL(5,4), lo INT, hi INT) " +
            $"ENGINE=MEMORY; INSERT INTO bulk_methods VALUES {string.Join(", ", methods)}; " +
            "CREATE TEMPORARY TABLE bulk_users (n INT UNSIGNED PRIMARY KEY, id BIGINT UNSIGNED, country CHAR(2), " +
            "currency CHAR(3), vat DECIMAL(5,4), rate DECIMAL(12,6), decimals TINYINT) ENGINE=MEMORY; " +
            "INSERT INTO bulk_users SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.id, u.country, c.currency, " +
            "c.vat, c.rate, c.decimals FROM users u JOIN bulk_countries c ON c.code = u.country; " +
            "CREATE TEMPORARY TABLE bulk_products (n INT UNSIGNED PRIMARY KEY, id BIGINT UNSIGNED, " +
            "price DECIMAL(12,2)) ENGINE=MEMORY; " +
            "INSERT INTO bulk_products SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, price FROM products " +
            "WHERE is_active",
            cancellationToken);
        var users = await ScalarAsync(connection, "SELECT COUNT(*) FROM bulk_users", cancellationToken);
        var products = await ScalarAsync(connection, "SELECT COUNT(*) FROM bulk_products", cancellationToken);
        if (users == 0 || products == 0)
        {
            throw new InvalidOperationException(
                "The shop has no users or no active products to order; create it first (shop init).");
        }

        return (users, products);
    }

    private static async Task<long> ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction,
        string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(MySqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
    }
}
