using System.Buffers.Binary;
using System.Numerics;

namespace Monolith.Binlog.Primitives;

/// <summary>
/// Reads MySQL's newer event serialisation (GTID_TAGGED, tagged PREVIOUS_GTIDS): integers of variable length
/// whose first byte tells the length by its count of trailing one bits (0 ones: 1 byte, 1: 2 bytes, ... 8: 9
/// bytes), the value held in the bits above them; signed integers keep the sign in the lowest value bit.
/// </summary>
internal ref struct SerializationReader
{
    private SpanReader _reader;

    public SerializationReader(ReadOnlySpan<byte> span, string what, BinlogPosition? position)
    {
        _reader = new SpanReader(span, what, position);
    }

    public readonly int Remaining => _reader.Remaining;

    public readonly int Offset => _reader.Offset;

    public ulong ReadUnsigned(string field)
    {
        var first = _reader.Rest.Length > 0 ? _reader.Rest[0] : (byte)0;
        var extra = BitOperations.TrailingZeroCount(~(uint)first);
        var bytes = _reader.ReadBytes(extra + 1, field);
        if (extra == 8)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes[1..]);
        }

        ulong raw = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            raw = (raw << 8) | bytes[i];
        }

        return raw >> (extra + 1);
    }

    public long ReadSigned(string field)
    {
        var raw = ReadUnsigned(field);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => _reader.ReadBytes(count, field);

    /// <summary>Reads a string: its length as a variable-length integer, then the bytes.</summary>
    public ReadOnlySpan<byte> ReadString(string field, int maxLength)
    {
        var length = ReadUnsigned(field);
        if (length > (ulong)maxLength)
        {
            _reader.Fail($"{field} of {length} bytes exceeds the limit of {maxLength}");
        }

        return _reader.ReadBytes((int)length, field);
    }

    /// <summary>Reads a 16-byte UUID written as sixteen variable-length integers.</summary>
    public Guid ReadUuid(string field)
    {
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 16; i++)
        {
            var value = ReadUnsigned(field);
            if (value > byte.MaxValue)
            {
                _reader.Fail($"{field} byte {i} has the value {value}");
            }

            bytes[i] = (byte)value;
        }

        return new Guid(bytes, bigEndian: true);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void Fail(string message) => _reader.Fail(message);
}
