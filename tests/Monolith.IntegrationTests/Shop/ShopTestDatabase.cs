using System.Globalization;
using System.Text;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using MySqlConnector;

namespace Monolith.IntegrationTests.Shop;

/// <summary>Helpers for shop tests: fresh database names, reference data of a fixed size, whole-table dumps.</summary>
internal static class ShopTestDatabase
{
    /// <summary>The shop's wall-clock "now" for reference data in tests, so every run creates the same rows.</summary>
    public static readonly DateTime Now = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static string NewName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..10];

    public static ShopDatabaseOptions Options(PrivateMariaDb server, string database, long seed = 42) => new()
    {
        ConnectionString = server.AdminConnectionString(),
        Database = database,
        Seed = seed,
        Categories = 28,
        Products = 60,
        Users = 120,
        Now = Now,
    };

    public static async Task<long> ScalarAsync(PrivateMariaDb server, string database, string sql)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of a table ordered by id, as text (UTC session), for comparing two databases.</summary>
    public static async Task<string> DumpAsync(PrivateMariaDb server, string database, string table)
    {
        var builder = new MySqlConnectionStringBuilder(server.AdminConnectionString(database))
        {
            GuidFormat = MySqlGuidFormat.None,
        };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using (var zone = new MySqlCommand("SET time_zone = '+00:00'", connection))
        {
            await zone.ExecuteNonQueryAsync();
        }

        await using var command = new MySqlCommand($"SELECT * FROM {table} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i)
                    ? "NULL"
                    : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                text.Append(value).Append('|');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
