namespace Monolith.Binlog.Protocol;

/// <summary>
/// The server's first packet, protocol version 10: who the server is, what it can do, and the nonce the client
/// proves its password against.
/// </summary>
internal sealed record InitialHandshake(
    ServerVersion Version,
    uint ConnectionId,
    byte[] AuthPluginData,
    CapabilityFlags Capabilities,
    byte CharacterSet,
    ServerStatus Status,
    string? AuthPluginName)
{
    private const string What = "initial handshake packet";

    /// <summary>Parses the payload of the server's first packet.</summary>
    /// <exception cref="BinlogProtocolException">Not protocol version 10.</exception>
    /// <exception cref="BinlogFormatException">The packet ends early.</exception>
    public static InitialHandshake Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload, What);
        var protocolVersion = reader.ReadByte();
        if (protocolVersion != 10)
        {
            throw new BinlogProtocolException(
                $"The server speaks handshake protocol version {protocolVersion}; only version 10 (MySQL 4.1 and " +
                "later, every MariaDB) is supported.");
        }

        var versionText = reader.ReadNullTerminatedString();
        var version = ServerVersion.Parse(versionText);
        var connectionId = reader.ReadUInt32();
        var dataPart1 = reader.ReadBytes(8);
        reader.Skip(1);
        var capabilities = (CapabilityFlags)reader.ReadUInt16();
        if (reader.IsAtEnd)
        {
            return new InitialHandshake(version, connectionId, dataPart1.ToArray(), capabilities, 0,
                ServerStatus.None, null);
        }

        var characterSet = reader.ReadByte();
        var status = (ServerStatus)reader.ReadUInt16();
        capabilities |= (CapabilityFlags)((ulong)reader.ReadUInt16() << 16);
        var authDataLength = reader.ReadByte();

        // Ten reserved bytes; MariaDB uses the last four for its extended capabilities when it clears the
        // LongPassword bit, which no MySQL server does.
        reader.Skip(6);
        var extended = reader.ReadUInt32();
        if ((capabilities & CapabilityFlags.LongPassword) == 0)
        {
            capabilities |= (CapabilityFlags)((ulong)extended << 32);
        }

        var authData = dataPart1.ToArray();
        if ((capabilities & CapabilityFlags.SecureConnection) != 0)
        {
            // The second part is at least 13 bytes and ends with a NUL that is not part of the nonce.
            var part2Length = Math.Max(13, authDataLength - 8);
            var part2 = reader.ReadBytes(Math.Min(part2Length, reader.Remaining));
            if (part2.Length > 0 && part2[^1] == 0)
            {
                part2 = part2[..^1];
            }

            authData = [.. dataPart1, .. part2];
        }

        string? pluginName = null;
        if ((capabilities & CapabilityFlags.PluginAuth) != 0 && !reader.IsAtEnd)
        {
            pluginName = reader.ReadNullTerminatedString();
        }

        return new InitialHandshake(version, connectionId, authData, capabilities, characterSet, status,
            pluginName);
    }
}
