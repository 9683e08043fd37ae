using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Monolith.Binlog.Primitives;

/// <summary>
/// A forward-only little-endian cursor over an event body. Every read checks the bytes left first and raises
/// a <see cref="BinlogFormatException"/> that names the event, the field, the byte offset inside the body and
/// the event's place in the log, so that a malformed event never turns into an index exception.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly BinlogPosition? _position;
    private readonly string _what;
    private int _offset;

    /// <summary>Creates a cursor over <paramref name="span"/> that names <paramref name="what"/> in errors.</summary>
    public SpanReader(ReadOnlySpan<byte> span, string what, BinlogPosition? position = null)
    {
        _span = span;
        _what = what;
        _position = position;
        _offset = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Offset => _offset;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _span.Length - _offset;

    /// <summary>The place in the log that errors name.</summary>
    public readonly BinlogPosition? Position => _position;

    /// <summary>The bytes not yet consumed.</summary>
    public readonly ReadOnlySpan<byte> Rest => _span[_offset..];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Need(int count, string field)
    {
        if ((uint)count > (uint)(_span.Length - _offset))
        {
            ThrowHelper.ThrowShort($"{_what} {field}", count, _offset, _span.Length - _offset, _position);
        }
    }

    public byte ReadUInt8(string field = "byte")
    {
        Need(1, field);
        return _span[_offset++];
    }

    public ushort ReadUInt16(string field = "uint16")
    {
        Need(2, field);
        var value = BinaryPrimitives.ReadUInt16LittleEndian(_span[_offset..]);
        _offset += 2;
        return value;
    }

    public uint ReadUInt24(string field = "uint24")
    {
        Need(3, field);
        var value = (uint)(_span[_offset] | (_span[_offset + 1] << 8) | (_span[_offset + 2] << 16));
        _offset += 3;
        return value;
    }

    public uint ReadUInt32(string field = "uint32")
    {
        Need(4, field);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_span[_offset..]);
        _offset += 4;
        return value;
    }

    public ulong ReadUInt48(string field = "uint48")
    {
        Need(6, field);
        var low = BinaryPrimitives.ReadUInt32LittleEndian(_span[_offset..]);
        var high = BinaryPrimitives.ReadUInt16LittleEndian(_span[(_offset + 4)..]);
        _offset += 6;
        return low | ((ulong)high << 32);
    }

    public ulong ReadUInt64(string field = "uint64")
    {
        Need(8, field);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_span[_offset..]);
        _offset += 8;
        return value;
    }

    /// <summary>Reads an unsigned little-endian integer of 1 to 8 bytes.</summary>
    public ulong ReadUIntN(int size, string field)
    {
        Need(size, field);
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | _span[_offset + i];
        }

        _offset += size;
        return value;
    }

    /// <summary>
    /// Reads a length-encoded ("packed") integer: one byte below 251, or 0xFC/0xFD/0xFE followed by 2, 3 or 8
    /// bytes. 0xFB (SQL NULL in result sets) and 0xFF are not valid here.
    /// </summary>
    public ulong ReadPackedInt(string field = "packed integer")
    {
        var first = ReadUInt8(field);
        switch (first)
        {
            case < 0xFB:
                return first;
            case 0xFC:
                return ReadUInt16(field);
            case 0xFD:
                return ReadUInt24(field);
            case 0xFE:
                return ReadUInt64(field);
            default:
                ThrowHelper.ThrowFormat(
                    $"{_what} {field}: 0x{first:X2} does not start a length-encoded integer (byte {_offset - 1})",
                    _position);
                return 0;
        }
    }

    /// <summary>Reads a length-encoded integer and checks it against <paramref name="max"/>.</summary>
    public int ReadPackedLength(string field, int max = int.MaxValue)
    {
        var at = _offset;
        var value = ReadPackedInt(field);
        if (value > (ulong)max)
        {
            ThrowHelper.ThrowFormat($"{_what} {field}: length {value} at byte {at} exceeds the limit {max}", _position);
        }

        return (int)value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field = "bytes")
    {
        if (count < 0)
        {
            ThrowHelper.ThrowFormat($"{_what} {field}: negative length {count} at byte {_offset}", _position);
        }

        Need(count, field);
        var slice = _span.Slice(_offset, count);
        _offset += count;
        return slice;
    }

    /// <summary>Reads bytes whose count was read off the wire as an unsigned 64-bit value.</summary>
    public ReadOnlySpan<byte> ReadBytes(ulong count, string field)
    {
        if (count > (ulong)Remaining)
        {
            ThrowHelper.ThrowShort($"{_what} {field}", count > int.MaxValue ? int.MaxValue : (int)count, _offset,
                Remaining, _position);
        }

        return ReadBytes((int)count, field);
    }

    /// <summary>Reads a length-encoded integer and that many bytes.</summary>
    public ReadOnlySpan<byte> ReadPackedBytes(string field) => ReadBytes(ReadPackedInt(field), field);

    public ReadOnlySpan<byte> ReadRest()
    {
        var slice = _span[_offset..];
        _offset = _span.Length;
        return slice;
    }

    /// <summary>Reads bytes up to a zero byte, consuming the zero; the whole rest when none is found.</summary>
    public ReadOnlySpan<byte> ReadNullTerminated()
    {
        var rest = _span[_offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            _offset = _span.Length;
            return rest;
        }

        _offset += end + 1;
        return rest[..end];
    }

    public void Skip(int count, string field = "bytes") => ReadBytes(count, field);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void Fail(string message) =>
        ThrowHelper.ThrowFormat($"{_what}: {message} (byte {_offset} of the event body)", _position);
}
