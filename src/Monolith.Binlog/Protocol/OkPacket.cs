namespace Monolith.Binlog.Protocol;

/// <summary>
/// An OK packet (header 0x00, or 0xFE where it replaces the EOF packet under DEPRECATE_EOF): affected rows,
/// last insert id, status flags and warnings. Session-state information after them is not needed here.
/// </summary>
internal readonly record struct OkPacket(ulong AffectedRows, ulong LastInsertId, ServerStatus Status, int Warnings)
{
    public const byte Header = 0x00;

    public static OkPacket Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload, "OK packet");
        reader.ReadByte();
        var affected = reader.ReadLengthEncodedInteger();
        var lastInsertId = reader.ReadLengthEncodedInteger();
        var status = reader.Remaining >= 2 ? (ServerStatus)reader.ReadUInt16() : ServerStatus.None;
        var warnings = reader.Remaining >= 2 ? reader.ReadUInt16() : 0;
        return new OkPacket(affected, lastInsertId, status, warnings);
    }
}
