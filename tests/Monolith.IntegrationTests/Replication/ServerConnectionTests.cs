using Monolith.Binlog;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Replication;

[Collection(MariaDbCollection.Name)]
public sealed class ServerConnectionTests(PrivateMariaDb server)
{
    [Fact]
    public async Task Replication_user_connects_with_native_password_and_sees_the_server_version()
    {
        await using var connection = await ServerConnection.OpenAsync(Options());

        Assert.Equal(ServerFlavor.MariaDb, connection.ServerVersion.Flavor);
        Assert.True(connection.ServerVersion.IsAtLeast(10, 5));
        Assert.Equal("mysql_native_password", connection.AuthenticationMethod);
        var result = await connection.QueryAsync("SELECT CURRENT_USER(), CONNECTION_ID(), @@version");
        Assert.Equal("monolith@127.0.0.1", result.Rows[0][0]);
        Assert.Equal(connection.ConnectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Rows[0][1]);
        Assert.StartsWith($"{connection.ServerVersion.Major}.{connection.ServerVersion.Minor}.",
            result.Rows[0][2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error_naming_user_and_host_but_not_the_password()
    {
        var options = Options();
        options.Password = "not-the-Secret-42";

        var error = await Assert.ThrowsAsync<BinlogAuthenticationException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("'monolith'", error.Message, StringComparison.Ordinal);
        Assert.Contains(options.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("1045", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-Secret-42", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_result_carries_nulls_utf8_and_every_row()
    {
        await using var connection = await ServerConnection.OpenAsync(Options());

        var result = await connection.QueryAsync(
            "SELECT 1 AS n, NULL AS missing, 'snow ☃ and 😀' AS text, CAST(18446744073709551615 AS UNSIGNED) AS big " +
            "UNION ALL SELECT 2, 'x', '', 0");

        Assert.Equal(["n", "missing", "text", "big"], result.Columns.Select(c => c.Name));
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("1", result.Rows[0]["n"]);
        Assert.Null(result.Rows[0]["missing"]);
        Assert.Equal("snow ☃ and 😀", result.Rows[0]["text"]);
        Assert.Equal("18446744073709551615", result.Rows[0]["big"]);
        Assert.Equal("x", result.Rows[1][1]);
        Assert.Equal("", result.Rows[1][2]);
    }

    [Fact]
    public async Task Error_packet_becomes_a_server_error_with_code_state_and_message_and_the_connection_lives_on()
    {
        await using var connection = await ServerConnection.OpenAsync(Options());

        var error = await Assert.ThrowsAsync<BinlogServerException>(
            () => connection.QueryAsync("SELECT * FROM no_such_db.no_such_table"));

        Assert.Equal(1146, error.ErrorCode);
        Assert.Equal("42S02", error.SqlState);
        Assert.Contains("no_such_table", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task Statement_without_result_reports_affected_rows()
    {
        var database = "conn_" + Guid.NewGuid().ToString("N")[..8];
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        var admin = Options();
        admin.User = server.AdminUser;
        admin.Password = server.AdminPassword;
        await using var connection = await ServerConnection.OpenAsync(admin);

        var affected = await connection.ExecuteAsync($"INSERT INTO {database}.t VALUES (1), (2), (3)");

        Assert.Equal(3UL, affected);
    }

    [Fact]
    public async Task Ed25519_user_logs_in_with_the_password_as_seed()
    {
        await server.ExecuteAsync(
            "INSTALL SONAME 'auth_ed25519'; " +
            "CREATE USER IF NOT EXISTS 'ed_user'@'127.0.0.1' IDENTIFIED VIA ed25519 USING PASSWORD('ed-Secret-7');");
        var options = Options();
        options.User = "ed_user";
        options.Password = "ed-Secret-7";

        await using var connection = await ServerConnection.OpenAsync(options);

        Assert.Equal("client_ed25519", connection.AuthenticationMethod);
        Assert.Equal("ed_user@127.0.0.1", (await connection.QueryAsync("SELECT CURRENT_USER()")).Rows[0][0]);

        options.Password = "ed-secret-7";
        var error = await Assert.ThrowsAsync<BinlogAuthenticationException>(() => ServerConnection.OpenAsync(options));
        Assert.Contains("'ed_user'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_port_is_a_connection_error_naming_the_endpoint()
    {
        var options = Options();
        options.Port = 1;

        var error = await Assert.ThrowsAsync<BinlogConnectionException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_tls_against_a_server_without_certificates_says_what_to_change()
    {
        var options = Options();
        options.TlsMode = TlsMode.Required;

        var error = await Assert.ThrowsAsync<BinlogTlsException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("offers no TLS", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssl_cert", error.Message, StringComparison.Ordinal);
    }

    private ConnectionOptions Options() => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = server.User,
        Password = server.Password,
        TlsMode = TlsMode.Preferred,
    };
}
