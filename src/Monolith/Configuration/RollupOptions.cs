using Microsoft.Extensions.Configuration;

namespace Monolith.Configuration;

/// <summary>
/// One rollup: its name and its SQL, and optionally the time zone its time buckets follow and how long its
/// buckets are kept. In the configuration a rollup is either a string (the SQL) or an object with
/// <c>Sql</c>, <c>TimeZone</c> and <c>Retention</c> (an ISO-8601 period such as <c>P30D</c>).
/// </summary>
public sealed record RollupOptions(string Name, string Sql, string? TimeZone = null, string? Retention = null)
{
    /// <summary>Reads every rollup of the <c>Rollups</c> section, in the order the file lists them.</summary>
    /// <exception cref="InvalidOperationException">A rollup has no SQL.</exception>
    public static IReadOnlyList<RollupOptions> ReadAll(IConfiguration configuration)
    {
        var rollups = new List<RollupOptions>();
        foreach (var child in configuration.GetSection("Rollups").GetChildren())
        {
            if (child.Value is { } sql)
            {
                rollups.Add(new RollupOptions(child.Key, sql));
                continue;
            }

            var text = child["Sql"];
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException(
                    $"Configuration: rollup '{child.Key}' needs its SQL, as a string or as the property 'Sql'.");
            }

            rollups.Add(new RollupOptions(child.Key, text, child["TimeZone"], child["Retention"]));
        }

        return rollups;
    }
}
