using System.Buffers.Binary;
using System.Text;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// Builds the payload of one outgoing packet (a command, a handshake response) in a growable buffer. Client
/// packets are few and small, so clarity wins over pooling here; the channel frames the result.
/// </summary>
internal sealed class PayloadWriter
{
    private byte[] _buffer;
    private int _length;

    public PayloadWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public PayloadWriter WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    public PayloadWriter WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        return this;
    }

    public PayloadWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public PayloadWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return this;
    }

    public PayloadWriter WriteZeros(int count)
    {
        Reserve(count).Clear();
        return this;
    }

    public PayloadWriter WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    public PayloadWriter WriteLengthEncodedInteger(ulong value)
    {
        switch (value)
        {
            case < 0xFB:
                WriteByte((byte)value);
                break;
            case <= 0xFFFF:
                WriteByte(0xFC).WriteUInt16((ushort)value);
                break;
            case <= 0xFF_FFFF:
                var span = Reserve(4);
                span[0] = 0xFD;
                span[1] = (byte)value;
                span[2] = (byte)(value >> 8);
                span[3] = (byte)(value >> 16);
                break;
            default:
                WriteByte(0xFE).WriteUInt64(value);
                break;
        }

        return this;
    }

    public PayloadWriter WriteLengthEncodedBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLengthEncodedInteger((ulong)bytes.Length);
        return WriteBytes(bytes);
    }

    public PayloadWriter WriteLengthEncodedString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteLengthEncodedInteger((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return this;
    }

    public PayloadWriter WriteNullTerminatedString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return WriteByte(0);
    }

    /// <summary>Writes a string without a terminator or length (the rest of a packet, a fixed field).</summary>
    public PayloadWriter WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return this;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
