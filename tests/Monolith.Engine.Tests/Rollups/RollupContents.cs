using Monolith.Engine.Query;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>Reads a rollup version into plain values: one entry per live group, keyed by time and dimensions.</summary>
internal static class RollupContents
{
    public static Dictionary<string, Dictionary<string, QueryValue>> Read(RollupVersion version)
    {
        var result = new Dictionary<string, Dictionary<string, QueryValue>>(StringComparer.Ordinal);
        for (var group = 0; group < version.GroupCount; group++)
        {
            var rowCount = version.RowCounts[group];
            if (rowCount <= 0)
            {
                continue;
            }

            var key = Key(version, group);
            var values = new Dictionary<string, QueryValue>(StringComparer.Ordinal);
            for (var m = 0; m < version.Metrics.Length; m++)
            {
                values[version.Definition.Metrics[m].Name] = version.Metrics[m]!.Final(group, rowCount);
            }

            Assert.True(result.TryAdd(key, values), $"group {key} appears twice");
        }

        return result;
    }

    public static string Key(RollupVersion version, int group)
    {
        var parts = new List<string>
        {
            version.Time[group].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var d = 0; d < version.Dimensions.Length; d++)
        {
            parts.Add(version.Dictionaries[d]!.GetValue(version.Dimensions[d][group]).ToString());
        }

        return string.Join('|', parts);
    }

    public static Dictionary<string, Dictionary<string, string>> ReadAsText(RollupVersion version) =>
        Read(version).ToDictionary(p => p.Key, p => p.Value.ToDictionary(v => v.Key, v => v.Value.ToString()));
}
