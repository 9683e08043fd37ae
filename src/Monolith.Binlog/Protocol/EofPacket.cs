namespace Monolith.Binlog.Protocol;

/// <summary>
/// An EOF packet: 0xFE, then warnings and status flags. It is shorter than 9 bytes, which tells it apart from a
/// row whose first value has an 8-byte length prefix (also 0xFE).
/// </summary>
internal readonly record struct EofPacket(int Warnings, ServerStatus Status)
{
    public const byte Header = 0xFE;

    public static bool Is(ReadOnlySpan<byte> payload) => payload.Length is > 0 and < 9 && payload[0] == Header;

    public static EofPacket Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload, "EOF packet");
        reader.ReadByte();
        if (reader.Remaining < 4)
        {
            return new EofPacket(0, ServerStatus.None);
        }

        var warnings = reader.ReadUInt16();
        return new EofPacket(warnings, (ServerStatus)reader.ReadUInt16());
    }
}
