using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Json;

/// <summary>
/// MySQL's partial JSON updates (<c>binlog_row_value_options=PARTIAL_JSON</c>): a JSON column in the after image
/// of a PARTIAL_UPDATE_ROWS event holds a list of operations instead of the value. Each is an operation byte
/// (0 REPLACE, 1 INSERT, 2 REMOVE), a path (<c>$.a[2]."b c"</c>) and, except for REMOVE, a binary JSON value.
/// Applied to the before image's value they give the new document. Applying builds a small DOM, so it
/// allocates; partial updates are rare next to ordinary rows.
/// </summary>
internal static class JsonDiff
{
    private const byte Replace = 0;
    private const byte Insert = 1;
    private const byte Remove = 2;
    private const int MaxPathLength = 65535;

    /// <summary>Applies the diffs to the before document and writes the result.</summary>
    /// <exception cref="FormatException">The diff or a document is malformed, or a path does not resolve.</exception>
    public static void Apply(ReadOnlySpan<byte> beforeDocument, ReadOnlySpan<byte> diffs, Utf8JsonWriter writer)
    {
        var root = ToNode(beforeDocument);
        var reader = new SpanReader(diffs, "JSON diff");
        try
        {
            while (reader.Remaining > 0)
            {
                var operation = reader.ReadUInt8("operation");
                var path = reader.ReadBytes(reader.ReadPackedLength("path length", MaxPathLength), "path");
                var legs = ParsePath(path);
                JsonNode? value = null;
                if (operation != Remove)
                {
                    value = ToNode(reader.ReadPackedBytes("value"));
                }

                root = ApplyOne(root, operation, legs, value, path);
            }
        }
        catch (BinlogFormatException e)
        {
            throw new FormatException(e.Message, e);
        }

        if (root is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            root.WriteTo(writer);
        }
    }

    /// <summary>
    /// Writes the diffs themselves, for when the before image lacks the column:
    /// <c>{"partial_update":[{"op":"replace","path":"$.a","value":1}, ...]}</c>.
    /// </summary>
    /// <exception cref="FormatException">The diff is malformed.</exception>
    public static void WriteDiffs(ReadOnlySpan<byte> diffs, Utf8JsonWriter writer)
    {
        var reader = new SpanReader(diffs, "JSON diff");
        writer.WriteStartObject();
        writer.WriteStartArray("partial_update");
        try
        {
            while (reader.Remaining > 0)
            {
                var operation = reader.ReadUInt8("operation");
                var path = reader.ReadBytes(reader.ReadPackedLength("path length", MaxPathLength), "path");
                writer.WriteStartObject();
                writer.WriteString("op", operation switch
                {
                    Replace => "replace",
                    Insert => "insert",
                    Remove => "remove",
                    _ => throw new FormatException($"JSON diff operation {operation} is unknown"),
                });
                writer.WriteString("path", Encoding.UTF8.GetString(path));
                if (operation != Remove)
                {
                    writer.WritePropertyName("value");
                    MySqlJsonWriter.Write(reader.ReadPackedBytes("value"), writer);
                }

                writer.WriteEndObject();
            }
        }
        catch (BinlogFormatException e)
        {
            throw new FormatException(e.Message, e);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static JsonNode? ToNode(ReadOnlySpan<byte> document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            MySqlJsonWriter.Write(document, writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan);
    }

    private static JsonNode? ApplyOne(JsonNode? root, byte operation, List<object> legs, JsonNode? value,
        ReadOnlySpan<byte> path)
    {
        if (legs.Count == 0)
        {
            return operation == Replace ? value : throw Unresolved(path, operation);
        }

        var parent = root;
        for (var i = 0; i < legs.Count - 1; i++)
        {
            parent = legs[i] switch
            {
                string key when parent is JsonObject o && o.TryGetPropertyValue(key, out var child) => child,
                int index when parent is JsonArray a && index < a.Count => a[index],
                _ => throw Unresolved(path, operation),
            };
        }

        switch (legs[^1], parent, operation)
        {
            case (string key, JsonObject o, Replace) when o.ContainsKey(key):
                o[key] = value;
                break;
            case (string key, JsonObject o, Insert) when !o.ContainsKey(key):
                o[key] = value;
                break;
            case (string key, JsonObject o, Remove) when o.ContainsKey(key):
                o.Remove(key);
                break;
            case (int index, JsonArray a, Replace) when index < a.Count:
                a[index] = value;
                break;
            case (int index, JsonArray a, Insert):
                a.Insert(Math.Min(index, a.Count), value);
                break;
            case (int index, JsonArray a, Remove) when index < a.Count:
                a.RemoveAt(index);
                break;
            default:
                throw Unresolved(path, operation);
        }

        return root;
    }

    private static FormatException Unresolved(ReadOnlySpan<byte> path, byte operation) =>
        new($"JSON diff operation {operation} on path {Encoding.UTF8.GetString(path)} does not apply to the " +
            "before image");

    /// <summary>Splits <c>$.a[2]."b c"</c> into legs: strings for members, ints for array cells.</summary>
    private static List<object> ParsePath(ReadOnlySpan<byte> path)
    {
        var text = Encoding.UTF8.GetString(path).Trim();
        if (text.Length == 0 || text[0] != '$')
        {
            throw new FormatException($"JSON path '{text}' does not start with $");
        }

        var legs = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                if (i < text.Length && text[i] == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        sb.Append(text[i++]);
                    }

                    if (i >= text.Length)
                    {
                        throw new FormatException($"JSON path '{text}' has an unterminated quoted member");
                    }

                    i++;
                    legs.Add(sb.ToString());
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] is not ('.' or '['))
                    {
                        i++;
                    }

                    legs.Add(text[start..i]);
                }
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0 || !int.TryParse(text.AsSpan(i + 1, end - i - 1), NumberStyles.None,
                        CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"JSON path '{text}' has an invalid array index");
                }

                legs.Add(index);
                i = end + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{text}' is malformed at character {i}");
            }
        }

        return legs;
    }
}
