using System.Globalization;
using System.Text.Json;

namespace Monolith.Engine.Query.Native;

/// <summary>Reading fields of a native query, with errors that name the JSON path of the offending field.</summary>
internal static class NativeJson
{
    public static QueryException Error(string path, string problem) =>
        new(QueryErrorCode.InvalidInput, $"{path}: {problem}");

    public static QueryException Unsupported(string path, string problem) =>
        new(QueryErrorCode.Unsupported, $"{path}: {problem}");

    public static bool Has(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement Required(JsonElement element, string name, string path) =>
        Has(element, name, out var value) ? value : throw Error($"{path}.{name}", "is required");

    public static string String(JsonElement element, string name, string path) =>
        Required(element, name, path) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw Error($"{path}.{name}", "must be a string");

    public static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!Has(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"{path}.{name}",
            "must be a string");
    }

    public static bool Bool(JsonElement element, string name, string path, bool fallback = false)
    {
        if (!Has(element, name, out var value))
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{path}.{name}", "must be true or false"),
        };
    }

    public static long? OptionalLong(JsonElement element, string name, string path)
    {
        if (!Has(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw Error($"{path}.{name}", "must be a non-negative whole number");
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string path) =>
        Required(element, name, path) is { ValueKind: JsonValueKind.Array } value
            ? value.EnumerateArray()
            : throw Error($"{path}.{name}", "must be an array");

    public static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Error(path, "must be an object");

    /// <summary>A JSON scalar as text, the way Druid filters compare values (numbers as written).</summary>
    public static string? Scalar(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw Error(path, "must be a string, number, boolean or null"),
    };

    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
