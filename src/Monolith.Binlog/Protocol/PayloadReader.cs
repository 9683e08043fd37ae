using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// A forward-only cursor over one packet payload. Every read checks the bytes left first; the throwing reads
/// raise <see cref="BinlogFormatException"/> naming the packet and the offset, the <c>TryRead</c> forms return
/// false instead and leave the cursor where it was. Nothing is copied except when a string is asked for.
/// </summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly string _what;
    private int _offset;

    /// <param name="payload">The packet payload, without the 4-byte packet header.</param>
    /// <param name="what">What the payload is, for error messages: "handshake packet", "column definition".</param>
    public PayloadReader(ReadOnlySpan<byte> payload, string what)
    {
        _payload = payload;
        _what = what;
        _offset = 0;
    }

    public readonly int Offset => _offset;

    public readonly int Remaining => _payload.Length - _offset;

    public readonly bool IsAtEnd => _offset >= _payload.Length;

    public readonly byte PeekByte()
    {
        if (_offset >= _payload.Length)
        {
            ThrowTruncated(1);
        }

        return _payload[_offset];
    }

    public byte ReadByte()
    {
        if (_offset >= _payload.Length)
        {
            ThrowTruncated(1);
        }

        return _payload[_offset++];
    }

    public bool TryReadByte(out byte value)
    {
        if (_offset >= _payload.Length)
        {
            value = 0;
            return false;
        }

        value = _payload[_offset++];
        return true;
    }

    public ushort ReadUInt16()
    {
        var value = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        return value;
    }

    public uint ReadUInt24()
    {
        var bytes = Take(3);
        return bytes[0] | ((uint)bytes[1] << 8) | ((uint)bytes[2] << 16);
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>
    /// Reads a length-encoded integer: one byte below 0xFB, or 0xFC/0xFD/0xFE followed by 2, 3 or 8 bytes.
    /// 0xFB (NULL in a text row) and 0xFF (an error packet's marker) are not integers here.
    /// </summary>
    public ulong ReadLengthEncodedInteger()
    {
        if (!TryReadLengthEncodedInteger(out var value))
        {
            ThrowBadLengthEncodedInteger();
        }

        return value;
    }

    /// <summary>
    /// Tries to read a length-encoded integer; false when the bytes are missing or the first byte is 0xFB or
    /// 0xFF. The cursor does not move on false.
    /// </summary>
    public bool TryReadLengthEncodedInteger(out ulong value)
    {
        value = 0;
        if (_offset >= _payload.Length)
        {
            return false;
        }

        var first = _payload[_offset];
        var rest = _payload[(_offset + 1)..];
        switch (first)
        {
            case < 0xFB:
                value = first;
                _offset += 1;
                return true;
            case 0xFC when rest.Length >= 2:
                value = BinaryPrimitives.ReadUInt16LittleEndian(rest);
                _offset += 3;
                return true;
            case 0xFD when rest.Length >= 3:
                value = rest[0] | ((ulong)rest[1] << 8) | ((ulong)rest[2] << 16);
                _offset += 4;
                return true;
            case 0xFE when rest.Length >= 8:
                value = BinaryPrimitives.ReadUInt64LittleEndian(rest);
                _offset += 9;
                return true;
            default:
                return false;
        }
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            ThrowNegativeLength(count);
        }

        return Take(count);
    }

    /// <summary>Reads a length-encoded byte string, checking its length against the bytes left first.</summary>
    public ReadOnlySpan<byte> ReadLengthEncodedBytes()
    {
        var start = _offset;
        var length = ReadLengthEncodedInteger();
        if (length > (ulong)Remaining)
        {
            var available = Remaining;
            _offset = start;
            ThrowLengthBeyondPayload(length, available);
        }

        return Take((int)length);
    }

    /// <summary>Reads bytes up to a NUL and skips the NUL; without a NUL, reads to the end of the payload.</summary>
    public ReadOnlySpan<byte> ReadNullTerminatedBytes()
    {
        var rest = _payload[_offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            _offset = _payload.Length;
            return rest;
        }

        _offset += end + 1;
        return rest[..end];
    }

    /// <summary>Reads bytes up to a NUL that must be present, and skips it.</summary>
    public ReadOnlySpan<byte> ReadRequiredNullTerminatedBytes()
    {
        var rest = _payload[_offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            ThrowMissingTerminator();
        }

        _offset += end + 1;
        return rest[..end];
    }

    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _payload[_offset..];
        _offset = _payload.Length;
        return rest;
    }

    public string ReadNullTerminatedString() => Encoding.UTF8.GetString(ReadNullTerminatedBytes());

    public string ReadLengthEncodedString() => Encoding.UTF8.GetString(ReadLengthEncodedBytes());

    public string ReadRestAsString() => Encoding.UTF8.GetString(ReadRest());

    public void Skip(int count) => Take(count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_payload.Length - _offset))
        {
            ThrowTruncated(count);
        }

        var slice = _payload.Slice(_offset, count);
        _offset += count;
        return slice;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int wanted) =>
        throw new BinlogFormatException(
            $"The {_what} ends early: {wanted} more byte(s) needed at offset {_offset}, but only " +
            $"{_payload.Length - _offset} of its {_payload.Length} bytes remain.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowBadLengthEncodedInteger()
    {
        var found = _offset < _payload.Length ? $"0x{_payload[_offset]:X2}" : "the end of the payload";
        throw new BinlogFormatException(
            $"The {_what} holds no valid length-encoded integer at offset {_offset}: found {found} " +
            $"with {_payload.Length - _offset} byte(s) left.");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowLengthBeyondPayload(ulong length, int available) =>
        throw new BinlogFormatException(
            $"The {_what} announces a {length}-byte string at offset {_offset}, but only {available} byte(s) " +
            "remain.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowMissingTerminator() =>
        throw new BinlogFormatException(
            $"The {_what} has no NUL terminator after the string starting at offset {_offset}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowNegativeLength(int count) =>
        throw new BinlogFormatException($"The {_what}: a negative length {count} at offset {_offset}.");
}
