using Monolith.Binlog;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using static Monolith.IntegrationTests.Replication.ReplicationTestKit;

namespace Monolith.IntegrationTests.Replication;

/// <summary>Every TLS mode against a MariaDB serving a certificate signed by a test authority.</summary>
public sealed class TlsTests(TlsMariaDb server) : IClassFixture<TlsMariaDb>
{
    [Theory]
    [InlineData(TlsMode.Disabled, false)]
    [InlineData(TlsMode.Preferred, true)]
    [InlineData(TlsMode.Required, true)]
    public async Task Mode_decides_whether_the_session_is_encrypted(TlsMode mode, bool encrypted)
    {
        var options = Options();
        options.TlsMode = mode;

        await using var connection = await ServerConnection.OpenAsync(options);

        Assert.Equal(encrypted, connection.IsEncrypted);
        Assert.Equal(encrypted, await CipherAsync(connection) is { Length: > 0 });
    }

    [Theory]
    [InlineData(TlsMode.VerifyCa, null)]
    [InlineData(TlsMode.VerifyIdentity, null)]
    [InlineData(TlsMode.VerifyIdentity, "localhost")]
    public async Task Certificate_signed_by_the_configured_authority_is_accepted(TlsMode mode, string? serverName)
    {
        var options = Options();
        options.TlsMode = mode;
        options.TlsCaFile = server.Certificates.CaFile;
        options.TlsServerName = serverName;

        await using var connection = await ServerConnection.OpenAsync(options);

        Assert.True(connection.IsEncrypted);
        Assert.NotEmpty(await CipherAsync(connection));
    }

    [Fact]
    public async Task Verify_identity_refuses_a_host_name_the_certificate_does_not_hold()
    {
        var options = Options();
        options.TlsMode = TlsMode.VerifyIdentity;
        options.TlsCaFile = server.Certificates.CaFile;
        options.TlsServerName = "db.wrong.example";

        var error = await Assert.ThrowsAsync<BinlogTlsException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("not issued for the host name 'db.wrong.example'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'localhost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'127.0.0.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ca_accepts_a_wrong_host_name_because_it_checks_only_the_chain()
    {
        var options = Options();
        options.TlsMode = TlsMode.VerifyCa;
        options.TlsCaFile = server.Certificates.CaFile;
        options.TlsServerName = "db.wrong.example";

        await using var connection = await ServerConnection.OpenAsync(options);

        Assert.True(connection.IsEncrypted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Verify_ca_refuses_a_certificate_from_another_authority(bool otherCaFile)
    {
        var options = Options();
        options.TlsMode = TlsMode.VerifyCa;
        options.TlsCaFile = otherCaFile ? server.Certificates.OtherCaFile : null;

        var error = await Assert.ThrowsAsync<BinlogTlsException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("does not chain to", error.Message, StringComparison.Ordinal);
        Assert.Contains(otherCaFile ? "the configured CA file" : "an authority this system trusts", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_that_requires_x509_logs_in_with_the_client_certificate_only()
    {
        await server.ExecuteAsync("CREATE USER IF NOT EXISTS 'x509_user'@'127.0.0.1' IDENTIFIED BY 'x509-Secret' " +
            "REQUIRE X509; GRANT SELECT ON *.* TO 'x509_user'@'127.0.0.1'");
        var options = Options();
        options.User = "x509_user";
        options.Password = "x509-Secret";
        options.TlsMode = TlsMode.VerifyIdentity;
        options.TlsCaFile = server.Certificates.CaFile;

        await Assert.ThrowsAsync<BinlogAuthenticationException>(() => ServerConnection.OpenAsync(options));

        options.TlsClientCertificateFile = server.Certificates.ClientCertificateFile;
        options.TlsClientKeyFile = server.Certificates.ClientKeyFile;
        await using var connection = await ServerConnection.OpenAsync(options);
        Assert.Equal("x509_user@127.0.0.1", (await connection.QueryAsync("SELECT CURRENT_USER()")).Rows[0][0]);
    }

    [Fact]
    public async Task Binlog_streams_over_a_verified_tls_connection()
    {
        await server.ExecuteAsync("CREATE DATABASE IF NOT EXISTS tls_stream; " +
            "CREATE TABLE IF NOT EXISTS tls_stream.t (id INT PRIMARY KEY)");
        var options = ReplicationTestKit.Options(server, "latest");
        options.TlsMode = TlsMode.VerifyIdentity;
        options.TlsCaFile = server.Certificates.CaFile;
        var handler = new RecordingHandler();
        var client = new ReplicationClient(options, handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.State == ReplicationState.Streaming, "the stream", running: running);

        await server.ExecuteAsync("INSERT INTO tls_stream.t VALUES (1), (2)");
        await WaitUntilAsync(() => handler.Transactions.Count >= 1, "the insert", running: running);
        await StopAsync(cancellation, running);

        Assert.Equal([162, 19, 23, 16], handler.Transactions[0].Types);
    }

    private ConnectionOptions Options() => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = server.User,
        Password = server.Password,
    };

    private static async Task<string> CipherAsync(ServerConnection connection) =>
        (await connection.QueryAsync("SHOW SESSION STATUS LIKE 'Ssl_cipher'")).Rows[0][1] ?? "";
}
