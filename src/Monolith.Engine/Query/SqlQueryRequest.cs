using System.Text.Json;
using Monolith.Engine.Query.Results;

namespace Monolith.Engine.Query;

/// <summary>
/// The body of a Druid SQL request (<c>POST /druid/v2/sql</c>):
/// <c>{"query": "...", "resultFormat": "object", "header": true, "typesHeader": true, "sqlTypesHeader": true,
/// "context": {...}, "parameters": [{"type": "VARCHAR", "value": "paid"}]}</c>. The context is kept but not
/// interpreted.
/// </summary>
public sealed record SqlQueryRequest
{
    /// <summary>The SQL statement.</summary>
    public required string Query { get; init; }

    /// <summary>The result format; <see cref="SqlResultFormat.Object"/> by default.</summary>
    public SqlResultFormat ResultFormat { get; init; } = SqlResultFormat.Object;

    /// <summary>Write the column names before the rows.</summary>
    public bool Header { get; init; }

    /// <summary>With <see cref="Header"/>, write Druid's runtime types.</summary>
    public bool TypesHeader { get; init; }

    /// <summary>With <see cref="Header"/>, write SQL types.</summary>
    public bool SqlTypesHeader { get; init; }

    /// <summary>Values for the statement's <c>?</c> placeholders, in order.</summary>
    public IReadOnlyList<SqlParameterValue> Parameters { get; init; } = [];

    /// <summary>The query context as sent.</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The HTTP content type of the response.</summary>
    public string ContentType => ResultWriter.ContentType(ResultFormat);

    /// <summary>A request for a bare SQL text, as Druid takes with <c>Content-Type: text/plain</c>.</summary>
    public static SqlQueryRequest FromText(string sql) => new() { Query = sql };

    /// <summary>Reads a request body.</summary>
    /// <exception cref="QueryException">The body is not valid JSON or not a well-formed request; the message says
    /// which field is wrong.</exception>
    public static SqlQueryRequest Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"the request body is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the request body must be a JSON object with a \"query\" field");
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String ||
                string.IsNullOrWhiteSpace(query.GetString()))
            {
                throw Invalid("\"query\" must be a non-empty string");
            }

            return new SqlQueryRequest
            {
                Query = query.GetString()!,
                ResultFormat = Format(root),
                Header = Flag(root, "header"),
                TypesHeader = Flag(root, "typesHeader"),
                SqlTypesHeader = Flag(root, "sqlTypesHeader"),
                Parameters = ReadParameters(root),
                Context = root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
                    ? context.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                    : new Dictionary<string, JsonElement>(),
            };
        }
    }

    private static QueryException Invalid(string message) => new(QueryErrorCode.InvalidInput, message);

    private static SqlResultFormat Format(JsonElement root)
    {
        if (!root.TryGetProperty("resultFormat", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return SqlResultFormat.Object;
        }

        return format.ValueKind == JsonValueKind.String ? format.GetString()!.ToLowerInvariant() switch
        {
            "object" => SqlResultFormat.Object,
            "array" => SqlResultFormat.Array,
            "objectlines" => SqlResultFormat.ObjectLines,
            "arraylines" => SqlResultFormat.ArrayLines,
            "csv" => SqlResultFormat.Csv,
            _ => throw Invalid(
                $"\"resultFormat\" '{format.GetString()}' is not one of object, array, objectLines, arrayLines, csv"),
        } : throw Invalid("\"resultFormat\" must be a string");
    }

    private static bool Flag(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"\"{name}\" must be true or false"),
        };
    }

    private static List<SqlParameterValue> ReadParameters(JsonElement root)
    {
        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (parameters.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("\"parameters\" must be an array of {\"type\": ..., \"value\": ...}");
        }

        var list = new List<SqlParameterValue>();
        var index = 0;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.ValueKind != JsonValueKind.Object ||
                !parameter.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"parameters[{index}] must be an object with a string \"type\"");
            }

            object? value = parameter.TryGetProperty("value", out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => throw Invalid($"parameters[{index}].value must be a string, number, boolean or null"),
            } : null;
            list.Add(new SqlParameterValue(type.GetString()!, value));
            index++;
        }

        return list;
    }

}
