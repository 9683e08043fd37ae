using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Json;

/// <summary>
/// Renders MySQL's binary JSON (the JSON column type) as JSON text through a <see cref="Utf8JsonWriter"/>:
/// objects and arrays in their small (2-byte offsets) and large (4-byte) forms, literals, integers of every width,
/// doubles, strings, and opaque values (DECIMAL, DATE, TIME, DATETIME as strings the way MySQL prints them; other
/// opaque types as <c>base64:typeNN:...</c>). Every offset and length is checked; malformed input raises
/// <see cref="FormatException"/>.
/// </summary>
internal static class MySqlJsonWriter
{
    /// <summary>MySQL refuses documents nested deeper than this.</summary>
    public const int MaxDepth = 100;

    private const byte SmallObject = 0x00;
    private const byte LargeObject = 0x01;
    private const byte SmallArray = 0x02;
    private const byte LargeArray = 0x03;
    private const byte Literal = 0x04;
    private const byte Int16 = 0x05;
    private const byte UInt16 = 0x06;
    private const byte Int32 = 0x07;
    private const byte UInt32 = 0x08;
    private const byte Int64 = 0x09;
    private const byte UInt64 = 0x0A;
    private const byte Double = 0x0B;
    private const byte String = 0x0C;
    private const byte Opaque = 0x0F;

    /// <summary>Writes a whole document (type byte and value); an empty document is JSON null.</summary>
    /// <exception cref="FormatException">The document is malformed.</exception>
    public static void Write(ReadOnlySpan<byte> document, Utf8JsonWriter writer)
    {
        if (document.IsEmpty)
        {
            writer.WriteNullValue();
            return;
        }

        // Offsets could make containers share children; a budget of one value per document byte keeps a crafted
        // document from costing exponential time.
        var budget = document.Length;
        WriteValue(document[0], document[1..], writer, 0, ref budget);
    }

    private static void WriteValue(byte type, ReadOnlySpan<byte> value, Utf8JsonWriter writer, int depth,
        ref int budget)
    {
        if (--budget < 0)
        {
            throw new FormatException("JSON document has more values than bytes (shared or cyclic offsets)");
        }

        switch (type)
        {
            case SmallObject:
            case LargeObject:
            case SmallArray:
            case LargeArray:
                if (depth >= MaxDepth)
                {
                    throw new FormatException($"JSON nesting is deeper than {MaxDepth}");
                }

                WriteContainer(value, type is SmallObject or LargeObject, type is LargeObject or LargeArray, writer,
                    depth + 1, ref budget);
                break;
            case String:
                var length = ReadVariableLength(value, out var used);
                if (length > (ulong)(value.Length - used))
                {
                    throw new FormatException($"JSON string of {length} bytes overruns the document");
                }

                WriteUtf8String(value.Slice(used, (int)length), writer);
                break;
            case Opaque:
                WriteOpaque(value, writer);
                break;
            default:
                WriteScalar(type, value, writer);
                break;
        }
    }

    private static void WriteScalar(byte type, ReadOnlySpan<byte> value, Utf8JsonWriter writer)
    {
        var size = type switch
        {
            Literal => 1,
            Int16 or UInt16 => 2,
            Int32 or UInt32 => 4,
            Int64 or UInt64 or Double => 8,
            _ => throw new FormatException($"JSON value type 0x{type:X2} is unknown"),
        };
        if (value.Length < size)
        {
            throw new FormatException($"JSON value of type 0x{type:X2} needs {size} bytes, {value.Length} left");
        }

        switch (type)
        {
            case Literal:
                switch (value[0])
                {
                    case 0:
                        writer.WriteNullValue();
                        break;
                    case 1:
                        writer.WriteBooleanValue(true);
                        break;
                    case 2:
                        writer.WriteBooleanValue(false);
                        break;
                    default:
                        throw new FormatException($"JSON literal 0x{value[0]:X2} is unknown");
                }

                break;
            case Int16:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(value));
                break;
            case UInt16:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(value));
                break;
            case Int32:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(value));
                break;
            case UInt32:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(value));
                break;
            case Int64:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(value));
                break;
            case UInt64:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(value));
                break;
            default:
                var number = BinaryPrimitives.ReadDoubleLittleEndian(value);
                if (!double.IsFinite(number))
                {
                    throw new FormatException("JSON double is not finite");
                }

                writer.WriteNumberValue(number);
                break;
        }
    }

    private static void WriteContainer(ReadOnlySpan<byte> value, bool isObject, bool large, Utf8JsonWriter writer,
        int depth, ref int budget)
    {
        var offsetSize = large ? 4 : 2;
        if (value.Length < 2 * offsetSize)
        {
            throw new FormatException("JSON container header overruns the document");
        }

        var count = ReadOffset(value, 0, large);
        var size = ReadOffset(value, offsetSize, large);
        if (size > (uint)value.Length || count > size)
        {
            throw new FormatException($"JSON container of {size} bytes and {count} elements overruns the document");
        }

        var container = value[..(int)size];
        var header = 2 * offsetSize;
        var keyEntrySize = offsetSize + 2;
        var valueEntrySize = 1 + offsetSize;
        var keyEntries = isObject ? (long)count * keyEntrySize : 0;
        if (header + keyEntries + ((long)count * valueEntrySize) > size)
        {
            throw new FormatException($"JSON container entries for {count} elements overrun its {size} bytes");
        }

        if (isObject)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }

        for (var i = 0; i < (int)count; i++)
        {
            if (isObject)
            {
                var keyEntry = header + (i * keyEntrySize);
                var keyOffset = ReadOffset(container, keyEntry, large);
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(container[(keyEntry + offsetSize)..]);
                if (keyOffset + (ulong)keyLength > size)
                {
                    throw new FormatException("JSON object key overruns its container");
                }

                var key = container.Slice((int)keyOffset, keyLength);
                if (!Utf8.IsValid(key))
                {
                    throw new FormatException("JSON object key is not valid UTF-8");
                }

                writer.WritePropertyName(key);
            }

            var entry = header + (int)keyEntries + (i * valueEntrySize);
            var type = container[entry];
            if (IsInlined(type, large))
            {
                WriteScalar(type, container.Slice(entry + 1, offsetSize), writer);
                continue;
            }

            var offset = ReadOffset(container, entry + 1, large);
            if (offset >= size)
            {
                throw new FormatException($"JSON value offset {offset} is outside its container of {size} bytes");
            }

            WriteValue(type, container[(int)offset..], writer, depth, ref budget);
        }

        if (isObject)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
    }

    private static bool IsInlined(byte type, bool large) =>
        type is Literal or Int16 or UInt16 || (large && type is Int32 or UInt32);

    private static uint ReadOffset(ReadOnlySpan<byte> span, int at, bool large) => large
        ? BinaryPrimitives.ReadUInt32LittleEndian(span[at..])
        : BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);

    /// <summary>A length of up to five bytes, seven bits each, least significant first.</summary>
    private static ulong ReadVariableLength(ReadOnlySpan<byte> span, out int used)
    {
        ulong length = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= span.Length)
            {
                throw new FormatException("JSON length overruns the document");
            }

            length |= (ulong)(span[i] & 0x7F) << (7 * i);
            if ((span[i] & 0x80) == 0)
            {
                used = i + 1;
                return length;
            }
        }

        throw new FormatException("JSON length is longer than five bytes");
    }

    private static void WriteUtf8String(ReadOnlySpan<byte> utf8, Utf8JsonWriter writer)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new FormatException("JSON string is not valid UTF-8");
        }

        writer.WriteStringValue(utf8);
    }

    private static void WriteOpaque(ReadOnlySpan<byte> value, Utf8JsonWriter writer)
    {
        if (value.IsEmpty)
        {
            throw new FormatException("JSON opaque value has no type byte");
        }

        var fieldType = (ColumnType)value[0];
        var length = ReadVariableLength(value[1..], out var used);
        if (length > (ulong)(value.Length - 1 - used))
        {
            throw new FormatException($"JSON opaque value of {length} bytes overruns the document");
        }

        var data = value.Slice(1 + used, (int)length);
        Span<byte> text = stackalloc byte[80];
        int written;
        switch (fieldType)
        {
            case ColumnType.NewDecimal when data.Length >= 2:
                written = DecimalCodec.Format(data[2..], data[0], data[1], text);
                break;
            case ColumnType.Date or ColumnType.NewDate when data.Length == 8:
                written = FormatPackedDateTime(BinaryPrimitives.ReadInt64LittleEndian(data), false, text);
                break;
            case ColumnType.DateTime or ColumnType.DateTime2 or ColumnType.Timestamp or ColumnType.Timestamp2
                when data.Length == 8:
                written = FormatPackedDateTime(BinaryPrimitives.ReadInt64LittleEndian(data), true, text);
                break;
            case ColumnType.Time or ColumnType.Time2 when data.Length == 8:
                written = TemporalText.FormatTime(RowImage.PackedTimeToMicros(BinaryPrimitives.ReadInt64LittleEndian(
                    data)), 6, text, 2);
                break;
            default:
                WriteBase64Opaque((byte)fieldType, data, writer);
                return;
        }

        writer.WriteStringValue(text[..written]);
    }

    private static void WriteBase64Opaque(byte fieldType, ReadOnlySpan<byte> data, Utf8JsonWriter writer)
    {
        var prefix = $"base64:type{fieldType}:";
        var buffer = new byte[prefix.Length + Base64.GetMaxEncodedToUtf8Length(data.Length)];
        var n = System.Text.Encoding.ASCII.GetBytes(prefix, buffer);
        Base64.EncodeToUtf8(data, buffer.AsSpan(n), out _, out var encoded);
        writer.WriteStringValue(buffer.AsSpan(0, n + encoded));
    }

    /// <summary>MySQL's packed DATETIME: year*13+month, day, hour,
    /// minute, second in bits above the 24-bit fraction.</summary>
    private static int FormatPackedDateTime(long packed, bool includeTime, Span<byte> text)
    {
        var magnitude = Math.Abs(packed);
        var micros = (int)(magnitude & 0xFFFFFF);
        var ymdhms = magnitude >> 24;
        var ymd = ymdhms >> 17;
        var ym = ymd >> 5;
        var hms = ymdhms & 0x1FFFF;
        var value = new MySqlDateTime((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12),
            (int)((hms >> 6) & 63), (int)(hms & 63), micros);
        return value.FormatUtf8(text, includeTime, 6);
    }
}
