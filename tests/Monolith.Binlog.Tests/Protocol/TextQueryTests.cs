using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

/// <summary>Text result sets in both shapes: with EOF packets (old servers) and with DEPRECATE_EOF's OK.</summary>
public sealed class TextQueryTests
{
    private static readonly byte[] s_nonce = "abcdefghij0123456789"u8.ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Result_set_is_read_with_and_without_deprecate_eof(bool deprecateEof)
    {
        var capabilities = CapabilityFlags.LongPassword | CapabilityFlags.Protocol41 |
            CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth |
            (deprecateEof ? CapabilityFlags.DeprecateEof : CapabilityFlags.None);
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(InitialHandshakeTests.MySqlHandshake(
                "5.7.44-log", 1, s_nonce, "mysql_native_password", capabilities));
            var response = await session.ReadHandshakeResponseAsync();
            Assert.Equal(deprecateEof, response.Capabilities.HasFlag(CapabilityFlags.DeprecateEof));
            await session.WriteOkAsync();

            var command = await session.ReadCommandAsync();
            Assert.Equal("\u0003SHOW BINARY LOGS", System.Text.Encoding.UTF8.GetString(command));
            await session.WriteResultSetAsync(["Log_name", "File_size"],
                [["mysql-bin.000001", "177"], ["mysql-bin.000002", null]], deprecateEof);

            Assert.Equal((byte)3, (await session.ReadCommandAsync())[0]);
            await session.WriteErrorAsync(1064, "42000", "You have an error in your SQL syntax");

            Assert.Equal((byte)3, (await session.ReadCommandAsync())[0]);
            await session.WritePacketAsync([0x00, 0x05, 0x00, 0x02, 0x00, 0x00, 0x00]);
            await AuthenticationExchangeTests.ExpectQuitAsync(session);
        });

        await using (var connection = await ServerConnection.OpenAsync(AuthenticationExchangeTests.Options(server)))
        {
            var result = await connection.QueryAsync("SHOW BINARY LOGS");
            Assert.Equal(2, result.Rows.Count);
            Assert.Equal("mysql-bin.000001", result.Rows[0]["Log_name"]);
            Assert.Equal("177", result.Rows[0]["file_size"]);
            Assert.Null(result.Rows[1]["File_size"]);

            var error = await Assert.ThrowsAsync<BinlogServerException>(() => connection.QueryAsync("SELEC 1"));
            Assert.Equal(1064, error.ErrorCode);
            Assert.Equal("42000", error.SqlState);
            Assert.Contains("SELEC 1", error.Message, StringComparison.Ordinal);

            Assert.Equal(5UL, await connection.ExecuteAsync("DELETE FROM t"));
        }

        await server.Completion;
    }

    [Fact]
    public async Task Connection_closed_in_the_middle_of_a_result_is_truncation_and_breaks_the_connection()
    {
        await using var server = new FakeServer(async session =>
        {
            await session.WritePacketAsync(InitialHandshakeTests.MySqlHandshake(
                "8.0.36", 1, s_nonce, "mysql_native_password"));
            await session.ReadHandshakeResponseAsync();
            await session.WriteOkAsync();
            await session.ReadCommandAsync();
            await session.WritePacketAsync([2]);

            // Half a column definition packet, then the connection closes.
            await session.Stream.WriteAsync(new byte[] { 40, 0, 0, 2, 3, (byte)'d', (byte)'e' });
            await session.Stream.FlushAsync();
        });

        await using var connection = await ServerConnection.OpenAsync(AuthenticationExchangeTests.Options(server));

        await Assert.ThrowsAsync<BinlogTruncatedException>(() => connection.QueryAsync("SELECT 1, 2"));
        Assert.True(connection.IsBroken);
        await server.Completion;
    }
}
