using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using MySqlConnector;

namespace Monolith.IntegrationTests.Shop;

[Collection(MariaDbCollection.Name)]
public sealed class ShopDatabaseTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Create_twice_applies_cleanly_and_adds_reference_data_once()
    {
        var database = ShopTestDatabase.NewName("shop_init");
        var options = ShopTestDatabase.Options(server, database);

        var first = await ShopDatabase.CreateAsync(options);
        var second = await ShopDatabase.CreateAsync(options);

        Assert.Equal(new ShopDatabaseSummary(database, 28, 60, 120, 0), first);
        Assert.Equal(first, second);
        foreach (var table in ShopSchema.Tables)
        {
            Assert.Equal(1, await ShopTestDatabase.ScalarAsync(server, database,
                $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() " +
                $"AND table_name = '{table}' AND engine = 'InnoDB' AND table_collation LIKE 'utf8mb4%'"));
        }
    }

    [Theory]
    [InlineData("users", "id", "bigint(20) unsigned", "NO")]
    [InlineData("users", "birth_date", "date", "YES")]
    [InlineData("users", "country", "char(2)", "NO")]
    [InlineData("users", "marketing_opt_in", "tinyint(1)", "NO")]
    [InlineData("products", "price", "decimal(12,2)", "NO")]
    [InlineData("products", "vat_rate", "decimal(5,4)", "NO")]
    [InlineData("products", "attributes", "longtext", "YES")]
    [InlineData("products", "tags", "set('new','sale','bestseller','eco','limited','gift')", "NO")]
    [InlineData("products", "stock", "int(11)", "NO")]
    [InlineData("orders", "status", "enum('pending','paid','shipped','delivered','cancelled','refunded')", "NO")]
    [InlineData("orders", "created_at", "datetime(6)", "NO")]
    [InlineData("orders", "updated_at", "timestamp(6)", "NO")]
    [InlineData("orders", "paid_at", "timestamp(6)", "YES")]
    [InlineData("orders", "shipped_at", "timestamp(6)", "YES")]
    [InlineData("orders", "coupon_code", "varchar(32)", "YES")]
    [InlineData("orders", "currency", "char(3)", "NO")]
    [InlineData("orders", "total", "decimal(12,2)", "NO")]
    [InlineData("orders", "item_count", "tinyint(3) unsigned", "NO")]
    [InlineData("order_items", "quantity", "smallint(5) unsigned", "NO")]
    [InlineData("order_items", "discount_rate", "decimal(5,4)", "NO")]
    [InlineData("payments", "method",
        "enum('card','paypal','bank_transfer','apple_pay','google_pay','klarna','gift_card')", "NO")]
    [InlineData("payments", "refunded_at", "timestamp(6)", "YES")]
    [InlineData("payments", "amount", "decimal(12,2)", "NO")]
    public async Task Schema_holds_the_promised_column_types(string table, string column, string type, string nullable)
    {
        var database = ShopTestDatabase.NewName("shop_types");
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));

        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new MySqlCommand(
            "SELECT column_type, is_nullable, character_set_name FROM information_schema.columns " +
            "WHERE table_schema = DATABASE() AND table_name = @table AND column_name = @column", connection);
        command.Parameters.AddWithValue("@table", table);
        command.Parameters.AddWithValue("@column", column);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table}.{column} is missing");
        Assert.Equal(type, reader.GetString(0));
        Assert.Equal(nullable, reader.GetString(1));
    }

    [Fact]
    public async Task Reference_data_keeps_non_ascii_text_and_valid_json()
    {
        var database = ShopTestDatabase.NewName("shop_text");
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, database));

        // Four-byte characters (emoji) survive only with utf8mb4 end to end; CJK and accents are three and two.
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM products WHERE name REGEXP '[^ -~]'") > 0);
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM users WHERE CHAR_LENGTH(name) < LENGTH(name)") > 0);
        Assert.Equal(1, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM categories WHERE name = 'Home & Kitchen' AND parent_id IS NULL"));
        Assert.Equal(20, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM categories WHERE parent_id IS NOT NULL"));
        Assert.Equal(0, await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM products WHERE NOT JSON_VALID(attributes) " +
            "OR JSON_EXTRACT(attributes, '$.weight_g') IS NULL"));
        Assert.True(await ShopTestDatabase.ScalarAsync(server, database,
            "SELECT COUNT(*) FROM users WHERE birth_date IS NULL") > 0);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_reference_data()
    {
        var a = ShopTestDatabase.NewName("shop_seed_a");
        var b = ShopTestDatabase.NewName("shop_seed_b");
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, a, seed: 7));
        await ShopDatabase.CreateAsync(ShopTestDatabase.Options(server, b, seed: 7));

        foreach (var table in new[] { "categories", "products", "users" })
        {
            Assert.Equal(await ShopTestDatabase.DumpAsync(server, a, table),
                await ShopTestDatabase.DumpAsync(server, b, table));
        }
    }

    [Fact]
    public void Database_names_that_are_not_plain_identifiers_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ShopSchema.QuoteDatabase("shop`; DROP DATABASE x"));
        Assert.Contains("shop`; DROP DATABASE x", e.Message, StringComparison.Ordinal);
    }
}
