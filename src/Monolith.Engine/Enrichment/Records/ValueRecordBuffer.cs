using System.Buffers.Binary;

namespace Monolith.Engine.Enrichment.Records;

/// <summary>
/// A growable byte buffer that a record is written into, reused record after record. It grows by doubling, so
/// steady state allocates nothing.
/// </summary>
internal sealed class ValueRecordBuffer
{
    private byte[] _data;

    public ValueRecordBuffer(int capacity = 256) => _data = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, Length);

    /// <summary>Values longer than <see cref="ValueRecordSink.MaxValueBytes"/> written as NULL, since creation.
    /// </summary>
    public long TooLong { get; internal set; }

    public void Reset() => Length = 0;

    /// <summary>Moves the end back to <paramref name="length"/> (to drop what was written after it).</summary>
    public void Truncate(int length) => Length = length;

    public Span<byte> Reserve(int count)
    {
        if (Length + count > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(Length + count, _data.Length * 2));
        }

        var span = _data.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Overwrites 4 bytes written earlier (a length known only afterwards).</summary>
    public void PatchInt32(int offset, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(_data.AsSpan(offset, 4), value);
}
