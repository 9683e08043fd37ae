using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>One decoded row change, as the JSON line of the dump contract and parsed back.</summary>
/// <param name="Line">The JSON line exactly as <c>RowJsonWriter</c> wrote it.</param>
/// <param name="Database">The database of the change.</param>
/// <param name="Table">The table of the change.</param>
/// <param name="Type"><c>insert</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Before">The before image keyed by column name, or null for an insert.</param>
/// <param name="After">The after image keyed by column name, or null for a delete.</param>
internal sealed record DecodedRow(string Line, string Database, string Table, string Type, JsonObject? Before,
    JsonObject? After)
{
    public static DecodedRow Parse(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        return new DecodedRow(line, (string)node["database"]!, (string)node["table"]!, (string)node["type"]!,
            node["before"]?.AsObject(), node["after"]?.AsObject());
    }

    /// <summary>The image that describes the row after the change (the before image of a delete).</summary>
    public JsonObject Image => After ?? Before!;
}
