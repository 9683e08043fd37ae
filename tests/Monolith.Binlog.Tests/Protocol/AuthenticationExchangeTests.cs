using System.Security.Cryptography;
using System.Text;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;

namespace Monolith.Binlog.Tests.Protocol;

/// <summary>
/// The authentication conversations MySQL 8 holds, against <see cref="FakeServer"/>: each script plays the
/// server's side as the protocol documentation describes it (no MySQL server is installable here) and checks
/// the client's answers with the server's own verification rule.
/// </summary>
public sealed class AuthenticationExchangeTests
{
    private const string Password = "Sha2-secret ✓";
    private static readonly byte[] s_nonce = "abcdefghij0123456789"u8.ToArray();

    [Fact]
    public async Task Caching_sha2_fast_path_sends_the_scramble_and_accepts_fast_auth_success()
    {
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.4.2", 7, s_nonce, "caching_sha2_password"));
            var response = await session.ReadHandshakeResponseAsync();
            Assert.Equal("caching_sha2_password", response.Plugin);
            Assert.True(CachingSha2Matches(response.AuthResponse, s_nonce));
            await session.WriteAuthMoreDataAsync([3]);
            await session.WriteOkAsync();
            await ExpectQuitAsync(session);
        });

        await using (var connection = await ServerConnection.OpenAsync(Options(server)))
        {
            Assert.Equal("caching_sha2_password", connection.AuthenticationMethod);
            Assert.Equal(ServerFlavor.MySql, connection.ServerVersion.Flavor);
        }

        await server.Completion;
    }

    [Fact]
    public async Task Caching_sha2_full_authentication_without_tls_encrypts_the_password_with_the_servers_key()
    {
        using var rsa = RSA.Create(2048);
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 8, s_nonce, "caching_sha2_password"));
            await session.ReadHandshakeResponseAsync();
            await session.WriteAuthMoreDataAsync([4]);
            Assert.Equal([2], await session.ReadPacketAsync());
            await session.WriteAuthMoreDataAsync(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
            var encrypted = await session.ReadPacketAsync();
            Assert.Equal(Password, DecryptPassword(rsa, encrypted, s_nonce));
            await session.WriteOkAsync();
            await ExpectQuitAsync(session);
        });

        await using (await ServerConnection.OpenAsync(Options(server)))
        {
        }

        await server.Completion;
    }

    [Fact]
    public async Task Full_authentication_refuses_to_fetch_the_key_when_retrieval_is_not_allowed()
    {
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 8, s_nonce, "caching_sha2_password"));
            await session.ReadHandshakeResponseAsync();
            await session.WriteAuthMoreDataAsync([4]);
        });
        var options = Options(server);
        options.AllowPublicKeyRetrieval = false;

        var error = await Assert.ThrowsAsync<BinlogAuthenticationException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("AllowPublicKeyRetrieval", error.Message, StringComparison.Ordinal);
        Assert.Contains("caching_sha2_password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sha256_password_asks_for_the_key_first_and_sends_the_encrypted_password()
    {
        using var rsa = RSA.Create(2048);
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 9, s_nonce, "sha256_password"));
            var response = await session.ReadHandshakeResponseAsync();
            Assert.Equal("sha256_password", response.Plugin);
            Assert.Equal([1], response.AuthResponse);
            await session.WriteAuthMoreDataAsync(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
            Assert.Equal(Password, DecryptPassword(rsa, await session.ReadPacketAsync(), s_nonce));
            await session.WriteOkAsync();
            await ExpectQuitAsync(session);
        });

        await using (var connection = await ServerConnection.OpenAsync(Options(server)))
        {
            Assert.Equal("sha256_password", connection.AuthenticationMethod);
        }

        await server.Completion;
    }

    [Fact]
    public async Task Auth_switch_to_caching_sha2_answers_with_the_new_nonce()
    {
        var switchNonce = "ZYXWVUTSRQponmlkjihg"u8.ToArray();
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 10, s_nonce, "mysql_native_password"));
            var response = await session.ReadHandshakeResponseAsync();
            Assert.Equal("mysql_native_password", response.Plugin);
            await session.WritePacketAsync([0xFE, .. "caching_sha2_password\0"u8, .. switchNonce, 0]);
            Assert.True(CachingSha2Matches(await session.ReadPacketAsync(), switchNonce));
            await session.WriteAuthMoreDataAsync([3]);
            await session.WriteOkAsync();
            await ExpectQuitAsync(session);
        });

        await using (var connection = await ServerConnection.OpenAsync(Options(server)))
        {
            Assert.Equal("caching_sha2_password", connection.AuthenticationMethod);
        }

        await server.Completion;
    }

    [Fact]
    public async Task Auth_switch_to_an_unknown_method_names_the_method()
    {
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 11, s_nonce, "mysql_native_password"));
            await session.ReadHandshakeResponseAsync();
            await session.WritePacketAsync([0xFE, .. "authentication_kerberos_client\0"u8, 1, 2, 3]);
        });

        var error = await Assert.ThrowsAsync<BinlogAuthenticationException>(
            () => ServerConnection.OpenAsync(Options(server)));

        Assert.Contains("'authentication_kerberos_client'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sha2user'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_is_an_authentication_error_without_the_password()
    {
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(
                InitialHandshakeTests.MySqlHandshake("8.0.36", 12, s_nonce, "caching_sha2_password"));
            await session.ReadHandshakeResponseAsync();
            await session.WriteErrorAsync(1045, "28000",
                "Access denied for user 'sha2user'@'localhost' (using password: YES)");
        });

        var error = await Assert.ThrowsAsync<BinlogAuthenticationException>(
            () => ServerConnection.OpenAsync(Options(server)));

        Assert.Contains("refused user 'sha2user'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        var inner = Assert.IsType<BinlogServerException>(error.InnerException);
        Assert.Equal(1045, inner.ErrorCode);
        Assert.Equal("28000", inner.SqlState);
    }

    [Fact]
    public async Task Server_that_requires_tls_but_offers_none_is_refused_when_tls_is_required()
    {
        await using var server = new FakeServer(session => session.WritePacketAsync(
            InitialHandshakeTests.MySqlHandshake("8.0.36", 13, s_nonce, "caching_sha2_password")));
        var options = Options(server);
        options.TlsMode = TlsMode.Required;

        var error = await Assert.ThrowsAsync<BinlogTlsException>(() => ServerConnection.OpenAsync(options));

        Assert.Contains("offers no TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_server_is_a_timeout_naming_the_endpoint()
    {
        await using var server = new FakeServer(session => session.ReadPacketAsync());
        var options = Options(server);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsAsync<BinlogConnectionException>(() => ServerConnection.OpenAsync(options));

        Assert.True(error.IsTimeout);
        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
    }

    internal static ConnectionOptions Options(FakeServer server) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        User = "sha2user",
        Password = Password,
        TlsMode = TlsMode.Preferred,
    };

    internal static async Task ExpectQuitAsync(FakeServerSession session) =>
        Assert.Equal([0x01], await session.ReadCommandAsync());

    private static bool CachingSha2Matches(byte[] response, byte[] nonce)
    {
        var cached = SHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(Password)));
        var mask = SHA256.HashData([.. cached, .. nonce]);
        var candidate = response.Select((b, i) => (byte)(b ^ mask[i])).ToArray();
        return response.Length == 32 && SHA256.HashData(candidate).SequenceEqual(cached);
    }

    private static string DecryptPassword(RSA rsa, byte[] encrypted, byte[] nonce)
    {
        var plain = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < plain.Length; i++)
        {
            plain[i] ^= nonce[i % nonce.Length];
        }

        Assert.Equal(0, plain[^1]);
        return Encoding.UTF8.GetString(plain, 0, plain.Length - 1);
    }
}
