namespace Monolith.Binlog.Protocol;

/// <summary>An ERR packet: 0xFF, a 2-byte error code, '#' and a 5-character SQL state, then the message.</summary>
internal readonly record struct ErrorPacket(int Code, string SqlState, string Message)
{
    public const byte Header = 0xFF;

    public static ErrorPacket Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload, "error packet");
        reader.ReadByte();
        var code = reader.ReadUInt16();

        // Before capabilities are agreed (an error instead of the handshake) there is no SQL state marker.
        var sqlState = "";
        if (!reader.IsAtEnd && reader.PeekByte() == (byte)'#' && reader.Remaining >= 6)
        {
            reader.Skip(1);
            sqlState = System.Text.Encoding.ASCII.GetString(reader.ReadBytes(5));
        }

        return new ErrorPacket(code, sqlState, reader.ReadRestAsString());
    }

    /// <summary>The typed error for this packet; <paramref name="context"/> says what the client was doing.</summary>
    public BinlogServerException ToException(string context) => new(Code, SqlState, Message, context);
}
