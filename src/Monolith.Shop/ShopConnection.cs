using MySqlConnector;

namespace Monolith.Shop;

/// <summary>
/// Connection strings for the shop's work and a description of the server that never shows a password.
/// </summary>
public static class ShopConnection
{
    /// <summary>A connection string for a server and user, with the settings the shop's code relies on.</summary>
    public static string Create(string host, int port, string user, string password)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = checked((uint)port),
            UserID = user,
            Password = password,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// The given connection string with utf8mb4, user variables, affected (not found) row counts and, when
    /// given, a current database: the row counts the workload reports are then the rows the binlog carries.
    /// </summary>
    internal static string ForShop(string connectionString, string? database, uint commandTimeoutSeconds = 600)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            CharacterSet = "utf8mb4",
            AllowUserVariables = true,
            UseAffectedRows = true,
            DefaultCommandTimeout = commandTimeoutSeconds,

            // CHAR(36) columns are text here, not GUIDs.
            GuidFormat = MySqlGuidFormat.None,
        };
        builder.Database = database ?? "";
        return builder.ConnectionString;
    }

    /// <summary><c>user@host:port</c>, for logs.</summary>
    internal static string Describe(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        return $"{builder.UserID}@{builder.Server}:{builder.Port}";
    }

    /// <summary>Opens a connection whose session reads and writes TIMESTAMP values in UTC.</summary>
    internal static async Task<MySqlConnection> OpenUtcAsync(
        string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SET time_zone = '+00:00'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
