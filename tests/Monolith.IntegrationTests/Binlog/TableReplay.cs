using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Applies decoded row changes to an in-memory copy of a table keyed by its primary key, the way a replica
/// applies them: the result must equal the table on the server. With partial images (MINIMAL, NOBLOB) an
/// update's after image is merged into the row it changes.
/// </summary>
internal sealed class TableReplay(string key)
{
    private readonly Dictionary<string, JsonObject> _rows = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonObject> Rows => _rows;

    public void Apply(DecodedRow change)
    {
        switch (change.Type)
        {
            case "insert":
                var inserted = change.After!;
                Assert.True(_rows.TryAdd(KeyOf(inserted), (JsonObject)inserted.DeepClone()),
                    $"insert of an existing key: {change.Line}");
                break;
            case "update":
                var before = KeyOf(change.Before!);
                Assert.True(_rows.Remove(before, out var row), $"update of a missing key: {change.Line}");
                foreach (var (name, value) in change.After!)
                {
                    row![name] = value?.DeepClone();
                }

                Assert.True(_rows.TryAdd(KeyOf(row!), row!), $"update onto an existing key: {change.Line}");
                break;
            case "delete":
                Assert.True(_rows.Remove(KeyOf(change.Before!)), $"delete of a missing key: {change.Line}");
                break;
            default:
                Assert.Fail($"unknown change type in {change.Line}");
                break;
        }
    }

    private string KeyOf(JsonObject image) =>
        image[key] is { } value ? value.ToJsonString().Trim('"') : throw new InvalidOperationException(
            $"The image has no key column {key}: {image.ToJsonString()}");
}
