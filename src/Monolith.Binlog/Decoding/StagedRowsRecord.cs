using System.Buffers.Binary;
using Monolith.Binlog.Events;

namespace Monolith.Binlog.Decoding;

/// <summary>
/// The fixed header of a rows event staged for its transaction's commit: enough to rebuild its
/// <see cref="Rows.RowsEventHeader"/> from the body, plus the index of its table decoder in the transaction.
/// </summary>
internal readonly record struct StagedRowsRecord(
    BinlogEventType Type, byte PostHeaderLength, int DecoderIndex, long Offset, uint Timestamp, uint ServerId,
    int BodyLength)
{
    public const int Size = 28;

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Type;
        destination[1] = PostHeaderLength;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], DecoderIndex);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Timestamp);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], ServerId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], BodyLength);
    }

    public static StagedRowsRecord Read(ReadOnlySpan<byte> source) => new(
        (BinlogEventType)source[0],
        source[1],
        BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[24..]));
}
