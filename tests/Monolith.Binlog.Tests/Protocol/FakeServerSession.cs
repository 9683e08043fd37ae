using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

/// <summary>The server side of one fake connection: packet framing and the common server packets.</summary>
internal sealed class FakeServerSession(NetworkStream stream, int index) : IAsyncDisposable
{
    private byte _sequence;

    /// <summary>Zero-based number of this connection on its server.</summary>
    public int Index => index;

    public NetworkStream Stream => stream;

    /// <summary>The sequence id the next packet written will carry.</summary>
    public byte Sequence => _sequence;

    public void ResetSequence() => _sequence = 0;

    public async Task<byte[]> ReadPacketAsync()
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header);
        var length = header[0] | (header[1] << 8) | (header[2] << 16);
        if (header[3] != _sequence)
        {
            throw new InvalidOperationException($"Client sent sequence id {header[3]}, expected {_sequence}.");
        }

        _sequence++;
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload);
        return payload;
    }

    /// <summary>Reads a command packet, which starts a new sequence.</summary>
    public async Task<byte[]> ReadCommandAsync()
    {
        ResetSequence();
        return await ReadPacketAsync();
    }

    public async Task WritePacketAsync(byte[] payload)
    {
        await stream.WriteAsync(Packets.Frame(_sequence++, payload));
        await stream.FlushAsync();
    }

    public Task WriteOkAsync(ushort status = 2) =>
        WritePacketAsync([0x00, 0x00, 0x00, (byte)status, (byte)(status >> 8), 0x00, 0x00]);

    public Task WriteErrorAsync(ushort code, string sqlState, string message) =>
        WritePacketAsync([0xFF, (byte)code, (byte)(code >> 8), (byte)'#', .. Encoding.ASCII.GetBytes(sqlState),
            .. Encoding.UTF8.GetBytes(message)]);

    public Task WriteAuthMoreDataAsync(ReadOnlySpan<byte> data) => WritePacketAsync([0x01, .. data]);

    /// <summary>
    /// Writes a text result set; with <paramref name="deprecateEof"/> it ends with an OK (0xFE) packet.
    /// </summary>
    public async Task WriteResultSetAsync(string[] columns, string?[][] rows, bool deprecateEof)
    {
        await WritePacketAsync([(byte)columns.Length]);
        foreach (var column in columns)
        {
            var definition = new PayloadWriter();
            definition.WriteLengthEncodedString("def").WriteLengthEncodedString("")
                .WriteLengthEncodedString("").WriteLengthEncodedString("")
                .WriteLengthEncodedString(column).WriteLengthEncodedString(column)
                .WriteByte(0x0C).WriteUInt16(45).WriteUInt32(255).WriteByte(0xFD).WriteUInt16(0).WriteByte(0)
                .WriteZeros(2);
            await WritePacketAsync(definition.WrittenSpan.ToArray());
        }

        if (!deprecateEof)
        {
            await WritePacketAsync([0xFE, 0x00, 0x00, 0x02, 0x00]);
        }

        foreach (var row in rows)
        {
            var payload = new PayloadWriter();
            foreach (var value in row)
            {
                if (value is null)
                {
                    payload.WriteByte(0xFB);
                }
                else
                {
                    payload.WriteLengthEncodedString(value);
                }
            }

            await WritePacketAsync(payload.WrittenSpan.ToArray());
        }

        if (deprecateEof)
        {
            await WritePacketAsync([0xFE, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]);
        }
        else
        {
            await WritePacketAsync([0xFE, 0x00, 0x00, 0x02, 0x00]);
        }
    }

    /// <summary>Reads the client's handshake response and returns its fields.</summary>
    public async Task<HandshakeResponseFields> ReadHandshakeResponseAsync()
    {
        var payload = await ReadPacketAsync();
        var capabilities = (CapabilityFlags)BinaryPrimitives.ReadUInt32LittleEndian(payload);
        if (payload.Length == 32)
        {
            return new HandshakeResponseFields(capabilities, "", [], "", IsSslRequest: true);
        }

        var offset = 32;
        var userEnd = Array.IndexOf(payload, (byte)0, offset);
        var user = Encoding.UTF8.GetString(payload, offset, userEnd - offset);
        offset = userEnd + 1;
        int authLength = payload[offset++];
        var auth = payload[offset..(offset + authLength)];
        offset += authLength;
        var pluginEnd = Array.IndexOf(payload, (byte)0, offset);
        var plugin = Encoding.UTF8.GetString(payload, offset, pluginEnd - offset);
        return new HandshakeResponseFields(capabilities, user, auth, plugin, IsSslRequest: false);
    }

    public async ValueTask DisposeAsync() => await stream.DisposeAsync();
}

/// <summary>What a client's handshake response said.</summary>
internal sealed record HandshakeResponseFields(
    CapabilityFlags Capabilities, string User, byte[] AuthResponse, string Plugin, bool IsSslRequest);
