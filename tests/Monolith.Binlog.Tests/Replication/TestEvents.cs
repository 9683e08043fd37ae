using System.Buffers.Binary;
using System.Text;

namespace Monolith.Binlog.Tests.Replication;

/// <summary>Binlog events built from the documented v4 layout, with a CRC32 trailer when asked.</summary>
internal static class TestEvents
{
    public const byte Rotate = 4;
    public const byte FormatDescription = 15;
    public const byte Xid = 16;
    public const byte Heartbeat = 27;
    public const byte Gtid = 33;

    public static byte[] Build(byte type, uint nextPosition, byte[] body, bool checksum = true, uint serverId = 1,
        uint timestamp = 1_700_000_000)
    {
        var length = 19 + body.Length + (checksum ? 4 : 0);
        var bytes = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, timestamp);
        bytes[4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), serverId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(13), nextPosition);
        body.CopyTo(bytes, 19);
        if (checksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(length - 4), Crc32(bytes.AsSpan(0, length - 4)));
        }

        return bytes;
    }

    public static byte[] RotateTo(string file, long position, uint nextPosition = 0, bool checksum = true)
    {
        var body = new byte[8 + Encoding.ASCII.GetByteCount(file)];
        BinaryPrimitives.WriteInt64LittleEndian(body, position);
        Encoding.ASCII.GetBytes(file, body.AsSpan(8));
        return Build(Rotate, nextPosition, body, checksum, timestamp: 0);
    }

    /// <summary>A FORMAT_DESCRIPTION whose algorithm byte says CRC32 (1) or none (0).</summary>
    public static byte[] FormatDescriptionEvent(uint nextPosition, bool crc32)
    {
        var body = new byte[2 + 50 + 4 + 1 + 41 + 1];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 4);
        Encoding.ASCII.GetBytes("8.4.2", body.AsSpan(2));
        body[56] = 19;
        body[^1] = (byte)(crc32 ? 1 : 0);
        return Build(FormatDescription, nextPosition, body, checksum: true);
    }

    public static byte[] HeartbeatEvent(string file, uint position) =>
        Build(Heartbeat, position, Encoding.ASCII.GetBytes(file), timestamp: 0);

    public static byte[] XidEvent(uint nextPosition, ulong xid) =>
        Build(Xid, nextPosition, BitConverter.GetBytes(xid));

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
