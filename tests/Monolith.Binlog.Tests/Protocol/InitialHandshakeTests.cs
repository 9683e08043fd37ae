using System.Text;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

public sealed class InitialHandshakeTests
{
    // The first packet of Debian's MariaDB 10.11.19, captured from a private server (payload after the header).
    private const string MariaDbHandshake =
        "0a352e352e352d31302e31312e31392d4d6172696144422d302b646562313275312d6c6f67000600000067226e277330334e00fef7" +
        "e00200ff81150000000000001d00000070683c317c447a5b3845326a006d7973716c5f6e61746976655f70617373776f726400";

    [Fact]
    public void MariaDb_handshake_gives_version_nonce_plugin_and_extended_capabilities()
    {
        var handshake = InitialHandshake.Parse(Convert.FromHexString(MariaDbHandshake));

        Assert.Equal(ServerFlavor.MariaDb, handshake.Version.Flavor);
        Assert.Equal((10, 11, 19), (handshake.Version.Major, handshake.Version.Minor, handshake.Version.Patch));
        Assert.Equal(6u, handshake.ConnectionId);
        Assert.Equal("g\"n's03Nph<1|Dz[8E2j", Encoding.ASCII.GetString(handshake.AuthPluginData));
        Assert.Equal("mysql_native_password", handshake.AuthPluginName);
        Assert.Equal(ServerStatus.AutoCommit, handshake.Status);

        // MariaDB clears the LongPassword bit and sends 0x1d in the reserved bytes: progress, bulk operations,
        // extended metadata and metadata caching.
        Assert.Equal(CapabilityFlags.None, handshake.Capabilities & CapabilityFlags.LongPassword);
        Assert.True(handshake.Capabilities.HasFlag(CapabilityFlags.MariaDbProgress));
        Assert.True(handshake.Capabilities.HasFlag(CapabilityFlags.MariaDbStatementBulkOperations));
        Assert.True(handshake.Capabilities.HasFlag(CapabilityFlags.MariaDbExtendedMetadata));
        Assert.True(handshake.Capabilities.HasFlag(CapabilityFlags.MariaDbCacheMetadata));
        Assert.False(handshake.Capabilities.HasFlag(CapabilityFlags.MariaDbComMulti));
        Assert.True(handshake.Capabilities.HasFlag(CapabilityFlags.PluginAuth | CapabilityFlags.DeprecateEof |
            CapabilityFlags.SecureConnection | CapabilityFlags.Protocol41));

        // That server had no certificate, so it did not offer TLS.
        Assert.False(handshake.Capabilities.HasFlag(CapabilityFlags.Ssl));
    }

    [Fact]
    public void MySql_8_handshake_with_caching_sha2_is_parsed_from_its_documented_layout()
    {
        var nonce = "0123456789abcdefghij"u8.ToArray();
        var payload = MySqlHandshake("8.4.2", 1234, nonce, "caching_sha2_password");

        var handshake = InitialHandshake.Parse(payload);

        Assert.Equal(ServerFlavor.MySql, handshake.Version.Flavor);
        Assert.True(handshake.Version.IsAtLeast(8, 4));
        Assert.Equal(1234u, handshake.ConnectionId);
        Assert.Equal(nonce, handshake.AuthPluginData);
        Assert.Equal("caching_sha2_password", handshake.AuthPluginName);
        Assert.Equal(0UL, (ulong)handshake.Capabilities >> 32);
    }

    [Fact]
    public void Protocol_version_9_is_refused_clearly()
    {
        var error = Assert.Throws<BinlogProtocolException>(() => InitialHandshake.Parse([9, .. "3.23\0"u8]));

        Assert.Contains("protocol version 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(30)]
    public void Truncated_handshake_is_a_format_error(int length)
    {
        var payload = Convert.FromHexString(MariaDbHandshake)[..length];

        Assert.Throws<BinlogFormatException>(() => InitialHandshake.Parse(payload));
    }

    /// <summary>A MySQL 8 handshake written field by field as the protocol documentation lays it out.</summary>
    internal static byte[] MySqlHandshake(string version, uint connectionId, byte[] nonce, string plugin,
        CapabilityFlags? capabilities = null)
    {
        var caps = (uint)(capabilities ?? (CapabilityFlags.LongPassword | CapabilityFlags.LongFlag |
            CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth |
            CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.ConnectAttributes |
            CapabilityFlags.DeprecateEof | CapabilityFlags.Transactions | CapabilityFlags.MultiResults));
        var bytes = new List<byte> { 10 };
        bytes.AddRange(Encoding.ASCII.GetBytes(version));
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes(connectionId));
        bytes.AddRange(nonce[..8]);
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes((ushort)caps));
        bytes.Add(255);
        bytes.AddRange(BitConverter.GetBytes((ushort)2));
        bytes.AddRange(BitConverter.GetBytes((ushort)(caps >> 16)));
        bytes.Add((byte)(nonce.Length + 1));
        bytes.AddRange(new byte[10]);
        bytes.AddRange(nonce[8..]);
        bytes.Add(0);
        bytes.AddRange(Encoding.ASCII.GetBytes(plugin));
        bytes.Add(0);
        return [.. bytes];
    }
}
