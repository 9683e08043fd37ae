using System.Buffers;
using System.Text.Json;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Results;

/// <summary>
/// How values appear in JSON results. Integers are JSON integers over their full range (unsigned 64-bit and
/// sums beyond 64 bits included). Decimals are JSON numbers written with their exact digits (<c>1234.50</c>):
/// Druid has no decimal type and its clients expect numbers for sums, and a number literal loses nothing until a
/// client parses it into a double. Doubles are numbers (NaN and infinities, which JSON cannot hold, are null).
/// Timestamps are ISO-8601 in UTC with milliseconds, as Druid writes <c>__time</c>.
/// </summary>
internal static class JsonValues
{
    public static void Write(Utf8JsonWriter writer, QueryValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Unknown:
                writer.WriteNullValue();
                break;
            case ValueKind.Long:
                writer.WriteNumberValue(value.Long);
                break;
            case ValueKind.UnsignedLong:
                writer.WriteNumberValue(value.UnsignedLong);
                break;
            case ValueKind.Double:
                if (double.IsFinite(value.Double))
                {
                    writer.WriteNumberValue(value.Double);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case ValueKind.Decimal:
                writer.WriteRawValue(value.ToString(), skipInputValidation: true);
                break;
            case ValueKind.String:
                writer.WriteStringValue(value.String);
                break;
            case ValueKind.Boolean:
                writer.WriteBooleanValue(value.Boolean);
                break;
            default:
                // ISO timestamps hold nothing JSON escapes, so they go out as raw, already quoted text.
                Span<byte> buffer = stackalloc byte[DruidTime.MaxIsoLength + 2];
                buffer[0] = (byte)'"';
                var length = DruidTime.FormatIso(value.Long, buffer[1..]);
                buffer[length + 1] = (byte)'"';
                writer.WriteRawValue(buffer[..(length + 2)], skipInputValidation: true);
                break;
        }
    }

    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Writes JSON to a buffer and returns it.</summary>
    public static ArrayBufferWriter<byte> Buffer(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer;
    }
}
