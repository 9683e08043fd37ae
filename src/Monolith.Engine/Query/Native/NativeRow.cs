namespace Monolith.Engine.Query.Native;

/// <summary>One output row of a native query: its timestamp and its named values in output order.</summary>
internal sealed class NativeRow(long timestamp)
{
    public long Timestamp { get; } = timestamp;

    public List<(string Name, QueryValue Value)> Fields { get; } = [];

    public Dictionary<string, QueryValue> ByName { get; } = new(StringComparer.Ordinal);

    public void Add(string name, QueryValue value)
    {
        Fields.Add((name, value));
        ByName[name] = value;
    }

    public void WriteFields(System.Text.Json.Utf8JsonWriter writer)
    {
        foreach (var (name, value) in Fields)
        {
            writer.WritePropertyName(name);
            Results.JsonValues.Write(writer, value);
        }
    }
}
