using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Shop.Vocabulary;
using MySqlConnector;

namespace Monolith.Shop.Schema;

/// <summary>Creates the shop's database: schema, then seeded reference data (categories, products, users).</summary>
public static class ShopDatabase
{
    private const int RowsPerInsert = 500;

    /// <summary>
    /// Creates the database and its tables when missing and, when the tables are empty, adds the reference data.
    /// Running it again against an initialised database changes nothing.
    /// </summary>
    /// <returns>What the database holds afterwards.</returns>
    /// <exception cref="ArgumentException">An option is out of range or the database name is not plain.</exception>
    /// <exception cref="MySqlException">The server refused a statement.</exception>
    public static async Task<ShopDatabaseSummary> CreateAsync(
        ShopDatabaseOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        var quoted = ShopSchema.QuoteDatabase(options.Database);
        var server = ShopConnection.Describe(options.ConnectionString);

        await using (var connection = await ShopConnection.OpenUtcAsync(
                         ShopConnection.ForShop(options.ConnectionString, null), cancellationToken))
        {
            if (options.Recreate)
            {
                await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quoted}", cancellationToken);
            }

            await ExecuteAsync(connection,
                $"CREATE DATABASE IF NOT EXISTS {quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                cancellationToken);
        }

        await using var shop = await ShopConnection.OpenUtcAsync(
            ShopConnection.ForShop(options.ConnectionString, options.Database), cancellationToken);
        await ExecuteAsync(shop, ShopSchema.Sql, cancellationToken);
        Log.SchemaApplied(logger, options.Database, server);

        if (await CountAsync(shop, "categories", cancellationToken) > 0)
        {
            Log.ReferenceDataPresent(logger, options.Database);
        }
        else
        {
            await AddReferenceDataAsync(shop, options, cancellationToken);
            Log.ReferenceDataAdded(logger, options.Database, options.Categories, options.Products, options.Users);
        }

        return new ShopDatabaseSummary(
            options.Database,
            await CountAsync(shop, "categories", cancellationToken),
            await CountAsync(shop, "products", cancellationToken),
            await CountAsync(shop, "users", cancellationToken),
            await CountAsync(shop, "orders", cancellationToken));
    }

    /// <summary>Drops the database if it exists.</summary>
    public static async Task DropAsync(
        string connectionString, string database, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var quoted = ShopSchema.QuoteDatabase(database);
        await using var connection = await ShopConnection.OpenUtcAsync(
            ShopConnection.ForShop(connectionString, null), cancellationToken);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quoted}", cancellationToken);
        Log.DatabaseDropped(logger ?? NullLogger.Instance, database, ShopConnection.Describe(connectionString));
    }

    private static async Task AddReferenceDataAsync(
        MySqlConnection connection, ShopDatabaseOptions options, CancellationToken cancellationToken)
    {
        var random = ShopRandom.Derive(options.Seed, 1);
        var now = options.Now ?? DateTime.UtcNow.Date;
        var yearAgo = now.AddDays(-365);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Categories one at a time: children need their parent's id, and there are only a few dozen.
        var categories = ShopFactory.Categories(options.Categories);
        var categoryIds = new ulong[categories.Count];
        var positions = new Dictionary<string, int>();
        for (var i = 0; i < categories.Count; i++)
        {
            var template = categories[i];
            positions[template.Name] = i;
            var parentIndex = template.Parent is null ? -1 : positions[template.Parent];
            await using var command = new MySqlCommand(
                "INSERT INTO categories (parent_id, name, slug, position, is_active, updated_at) " +
                "VALUES (@parent, @name, @slug, @position, TRUE, @updated)", connection, transaction);
            command.Parameters.AddWithValue("@parent", parentIndex < 0 ? null : categoryIds[parentIndex]);
            command.Parameters.AddWithValue("@name", template.Name);
            command.Parameters.AddWithValue("@slug", ShopFactory.Slug(template.Name));
            command.Parameters.AddWithValue("@position", i);
            command.Parameters.AddWithValue("@updated", yearAgo);
            await command.ExecuteNonQueryAsync(cancellationToken);
            categoryIds[i] = checked((ulong)command.LastInsertedId);
        }

        var products = new List<ProductRow>(options.Products);
        for (var i = 0; i < options.Products; i++)
        {
            var created = yearAgo.AddSeconds(random.Next(365 * 86400)).AddMicroseconds(random.Next(1_000_000));
            products.Add(ShopFactory.NewProduct(random, i, categories, created));
        }

        await InsertRowsAsync(connection, transaction,
            "INSERT INTO products (category_id, sku, name, price, currency, vat_rate, stock, attributes, tags, " +
            "is_active, created_at, updated_at) VALUES ",
            products, 12, (p, values) =>
            {
                values.Add(categoryIds[p.Category]);
                values.Add(p.Sku);
                values.Add(p.Name);
                values.Add(p.Price);
                values.Add("EUR");
                values.Add(p.VatRate);
                values.Add(p.Stock);
                values.Add(p.Attributes);
                values.Add(p.Tags);
                values.Add(p.IsActive);
                values.Add(p.CreatedAt);
                values.Add(p.CreatedAt);
            }, cancellationToken);

        // Users registered over the past year, in order of registration.
        var offsets = Enumerable.Range(0, options.Users).Select(_ => random.Next(365 * 86400)).Order().ToArray();
        var users = new List<UserRow>(options.Users);
        for (var i = 0; i < options.Users; i++)
        {
            var created = yearAgo.AddSeconds(offsets[i]).AddMicroseconds(random.Next(1_000_000));
            users.Add(ShopFactory.NewUser(random, (i + 1).ToString(CultureInfo.InvariantCulture), created));
        }

        await InsertRowsAsync(connection, transaction,
            "INSERT INTO users (email, name, country, birth_date, marketing_opt_in, created_at, updated_at) VALUES ",
            users, 7, (u, values) =>
            {
                values.Add(u.Email);
                values.Add(u.Name);
                values.Add(u.Country.Code);
                values.Add(u.BirthDate);
                values.Add(u.MarketingOptIn);
                values.Add(u.CreatedAt);
                values.Add(u.CreatedAt);
            }, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Multi-row INSERTs of up to <see cref="RowsPerInsert"/> rows with parameters.</summary>
    private static async Task InsertRowsAsync<T>(
        MySqlConnection connection, MySqlTransaction transaction, string prefix, IReadOnlyList<T> rows, int columns,
        Action<T, List<object?>> values, CancellationToken cancellationToken)
    {
        var buffer = new List<object?>(columns);
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var end = Math.Min(rows.Count, start + RowsPerInsert);
            var sql = new StringBuilder(prefix);
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            for (var r = start; r < end; r++)
            {
                buffer.Clear();
                values(rows[r], buffer);
                sql.Append(r == start ? "(" : ", (");
                for (var c = 0; c < buffer.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r - start}_{c}");
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    command.Parameters.AddWithValue(name, buffer[c]);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountAsync(MySqlConnection connection, string table, CancellationToken token)
    {
        await using var command = new MySqlCommand($"SELECT COUNT(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
    }
}
