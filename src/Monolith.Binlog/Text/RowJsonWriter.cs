using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Text;

/// <summary>
/// Writes a row change as one JSON object: <c>file</c>, <c>pos</c>, <c>timestamp</c>, <c>gtid</c> (when known),
/// <c>database</c>, <c>table</c>, <c>type</c> (insert, update, delete), <c>before</c> and <c>after</c> keyed by column
/// name (or <c>@1</c>, <c>@2</c>, ...). Values follow the project's JSON contract: integers as numbers over their
/// full unsigned range, DECIMAL as an exact string, DATETIME as wall-clock text, TIMESTAMP as UTC text with a
/// <c>Z</c>, TIME as <c>[-]HH:MM:SS</c>, text decoded with its character set, binary data as base64 (BINARY(n)
/// with the trailing zero bytes the binlog drops), MariaDB's UUID, INET4 and INET6 as their text, BIT as a
/// number, ENUM and SET as labels when known, JSON (MySQL's binary form and MariaDB's text) as the JSON value.
/// Nothing is allocated per row beyond what the writer needs, except for partial JSON updates and text in non-UTF-8
/// character sets.
/// </summary>
public static class RowJsonWriter
{
    /// <summary>Writes one change as a JSON object.</summary>
    /// <exception cref="BinlogFormatException">A value in the row is malformed.</exception>
    public static void Write(Utf8JsonWriter writer, in RowChange change, TableDecoder table, in RowJsonContext context)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        writer.WriteStartObject();
        writer.WriteString("file"u8, context.File);
        writer.WriteNumber("pos"u8, context.Position);
        writer.WriteNumber("timestamp"u8, context.Timestamp);
        if (context.Gtid is not null)
        {
            writer.WriteString("gtid"u8, context.Gtid);
        }

        writer.WriteString("database"u8, table.Database);
        writer.WriteString("table"u8, table.Table);
        writer.WriteString("type"u8, change.Kind switch
        {
            RowChangeKind.Insert => "insert"u8,
            RowChangeKind.Update => "update"u8,
            _ => "delete"u8,
        });
        if (change.Before.Exists)
        {
            writer.WritePropertyName("before"u8);
            WriteImage(writer, change.Before);
        }

        if (change.After.Exists)
        {
            writer.WritePropertyName("after"u8);
            WriteImage(writer, change.After);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes an image as an object of the columns it holds.</summary>
    public static void WriteImage(Utf8JsonWriter writer, in RowImage image)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        for (var i = 0; i < image.ColumnCount; i++)
        {
            if (!image.IsPresent(i))
            {
                continue;
            }

            writer.WritePropertyName(image.GetColumn(i).Name);
            WriteValue(writer, image, i);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one column's value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, in RowImage image, int column)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (image.IsNull(column))
        {
            writer.WriteNullValue();
            return;
        }

        var info = image.GetColumn(column);
        Span<byte> text = stackalloc byte[80];
        switch (info.Kind)
        {
            case ValueKind.SignedInteger:
            case ValueKind.Year:
                writer.WriteNumberValue(image.GetInt64(column));
                break;
            case ValueKind.UnsignedInteger:
            case ValueKind.Bit:
                writer.WriteNumberValue(image.GetUInt64(column));
                break;
            case ValueKind.Float:
                WriteFinite(writer, image.GetSingle(column));
                break;
            case ValueKind.Double:
                WriteFinite(writer, image.GetDouble(column));
                break;
            case ValueKind.Decimal:
                writer.WriteStringValue(text[..image.FormatDecimal(column, text)]);
                break;
            case ValueKind.Date:
                writer.WriteStringValue(text[..image.GetDateTime(column).FormatUtf8(text, false, 0)]);
                break;
            case ValueKind.DateTime:
                writer.WriteStringValue(
                    text[..image.GetDateTime(column).FormatUtf8(text, true, info.FractionalDigits)]);
                break;
            case ValueKind.Timestamp:
                writer.WriteStringValue(text[..TemporalText.FormatTimestamp(image.GetTimestampMicroseconds(column),
                    info.FractionalDigits, text)]);
                break;
            case ValueKind.Time:
                writer.WriteStringValue(text[..TemporalText.FormatTime(image.GetTimeMicroseconds(column),
                    info.FractionalDigits, text, 2)]);
                break;
            case ValueKind.Text:
                WriteText(writer, image.GetBytes(column), info);
                break;
            case ValueKind.Enum:
                if (image.GetEnumLabel(column) is { } label)
                {
                    writer.WriteStringValue(label);
                }
                else
                {
                    writer.WriteNumberValue(image.GetUInt64(column));
                }

                break;
            case ValueKind.Set:
                if (info.Labels is not null)
                {
                    writer.WriteStringValue(image.GetString(column));
                }
                else
                {
                    writer.WriteNumberValue(image.GetUInt64(column));
                }

                break;
            case ValueKind.Json:
                image.WriteJson(column, writer);
                break;
            case ValueKind.Vector:
                WriteVector(writer, image.GetBytes(column));
                break;
            case ValueKind.Null:
                writer.WriteNullValue();
                break;
            case ValueKind.Binary when info.BinaryTextFormat != BinaryTextFormat.None:
                writer.WriteStringValue(text[..image.FormatBinaryText(column, text)]);
                break;
            case ValueKind.Binary:
                Span<byte> padded = stackalloc byte[256];
                writer.WriteBase64StringValue(image.GetPaddedBytes(column, padded));
                break;
            default:
                writer.WriteBase64StringValue(image.GetBytes(column));
                break;
        }
    }

    private static void WriteFinite(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteFinite(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteVector(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.WriteStartArray();
        for (var i = 0; i + 4 <= bytes.Length; i += 4)
        {
            WriteFinite(writer, BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]));
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// UTF-8 text is written as is; other character sets (and invalid UTF-8) are transcoded, with invalid bytes
    /// becoming U+FFFD.
    /// </summary>
    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, ColumnInfo info)
    {
        if (info.IsUtf8 && Utf8.IsValid(bytes))
        {
            writer.WriteStringValue(bytes);
            return;
        }

        var encoding = info.TextEncoding;
        var length = encoding.GetMaxCharCount(bytes.Length);
        var rented = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var chars = encoding.GetChars(bytes, rented);
            writer.WriteStringValue(rented.AsSpan(0, chars));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
