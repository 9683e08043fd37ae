using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Monolith.Binlog.Events;

namespace Monolith.Binlog.Tests.Support;

/// <summary>Builds whole events (header, body, CRC32) with
/// consecutive log positions, as a MySQL 8 server writes.</summary>
internal sealed class EventBuilder(bool checksum = true)
{
    private static readonly byte[] s_postHeaderLengths =
    [
        56, 13, 0, 8, 0, 18, 0, 4, 4, 4, 4, 18, 0, 0, 98, 0, 4, 26, 8, 0, 0, 0, 8, 8, 8, 2, 0, 0, 0,
        10, 10, 10, 42, 42, 0, 18, 52, 0, 10, 40, 0, 0,
    ];

    public long Position { get; private set; } = 4;

    public byte[] Event(BinlogEventType type, ReadOnlySpan<byte> body, uint timestamp = 1_700_000_000,
        ushort flags = 0)
    {
        var size = EventHeader.Size + body.Length + (checksum ? 4 : 0);
        var bytes = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, timestamp);
        bytes[4] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(13), (uint)(Position + size));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(17), flags);
        body.CopyTo(bytes.AsSpan(EventHeader.Size));
        if (checksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(
                bytes.AsSpan(size - 4), Crc32.HashToUInt32(bytes.AsSpan(0, size - 4)));
        }

        Position += size;
        return bytes;
    }

    public byte[] FormatDescription(string version = "8.0.32")
    {
        var body = new List<byte> { 4, 0 };
        var versionBytes = new byte[50];
        Encoding.ASCII.GetBytes(version).CopyTo(versionBytes, 0);
        body.AddRange(versionBytes);
        body.AddRange(new byte[4]);
        body.Add(19);
        body.AddRange(s_postHeaderLengths);
        body.Add(checksum ? (byte)1 : (byte)0);
        var size = EventHeader.Size + body.Count + 4;
        var bytes = new byte[size];
        bytes[4] = (byte)BinlogEventType.FormatDescription;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(13), (uint)(Position + size));
        body.ToArray().CopyTo(bytes, EventHeader.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(size - 4), Crc32.HashToUInt32(bytes.AsSpan(0, size - 4)));
        Position += size;
        return bytes;
    }

    public byte[] Query(string statement, string database = "d")
    {
        var body = new List<byte>();
        body.AddRange(new byte[4]);
        body.AddRange(new byte[4]);
        body.Add((byte)database.Length);
        body.AddRange(new byte[2]);
        body.AddRange(new byte[2]);
        body.AddRange(Encoding.UTF8.GetBytes(database));
        body.Add(0);
        body.AddRange(Encoding.UTF8.GetBytes(statement));
        return Event(BinlogEventType.Query, body.ToArray());
    }

    public byte[] Xid(ulong xid)
    {
        var body = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(body, xid);
        return Event(BinlogEventType.Xid, body);
    }

    public byte[] Gtid(Guid source, long gno)
    {
        var body = new byte[42];
        source.TryWriteBytes(body.AsSpan(1), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(17), gno);
        body[25] = 2;
        return Event(BinlogEventType.Gtid, body);
    }

    public byte[] TableMap(byte[] body) => Event(BinlogEventType.TableMap, body);

    public byte[] WriteRows(byte[] body) => Event(BinlogEventType.WriteRowsV2, body);

    public static byte[] File(params byte[][] events) => [0xFE, 0x62, 0x69, 0x6E, .. events.SelectMany(e => e)];
}
