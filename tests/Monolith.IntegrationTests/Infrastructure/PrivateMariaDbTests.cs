using MySqlConnector;

namespace Monolith.IntegrationTests.Infrastructure;

[Collection(MariaDbCollection.Name)]
public sealed class PrivateMariaDbTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Server_writes_a_row_based_binlog_with_full_images_and_crc32()
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlCommand(
            "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_checksum, @@character_set_server",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ROW", reader.GetString(1));
        Assert.Equal("FULL", reader.GetString(2));
        Assert.Equal("CRC32", reader.GetString(3));
        Assert.Equal("utf8mb4", reader.GetString(4));
    }

    [Fact]
    public async Task Replication_user_can_log_in_with_its_password()
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = server.Host, Port = (uint)server.Port, UserID = server.User, Password = server.Password,
        };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW MASTER STATUS", connection);
        Assert.NotNull(await command.ExecuteScalarAsync());
    }
}
