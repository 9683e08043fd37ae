using Microsoft.Extensions.Configuration;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Configuration;

/// <summary>
/// One rollup: its name and its SQL, and optionally the time zone its time buckets follow and how long its
/// buckets are kept. In the configuration a rollup is either a string (the SQL) or an object with
/// <c>Sql</c>, <c>TimeZone</c> and <c>Retention</c> (an ISO-8601 period such as <c>P30D</c>).
/// </summary>
public sealed record RollupConfiguration(string Name, string Sql, string? TimeZone = null, string? Retention = null)
{
    /// <summary>Reads every rollup of the <c>Rollups</c> section, in the order the file lists them.</summary>
    /// <exception cref="InvalidOperationException">A rollup has no SQL.</exception>
    public static IReadOnlyList<RollupConfiguration> ReadAll(IConfiguration configuration)
    {
        var rollups = new List<RollupConfiguration>();
        foreach (var child in configuration.GetSection("Rollups").GetChildren())
        {
            if (child.Value is { } sql)
            {
                rollups.Add(new RollupConfiguration(child.Key, sql));
                continue;
            }

            var text = child["Sql"];
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException(
                    $"Configuration: rollup '{child.Key}' needs its SQL, as a string or as the property 'Sql'.");
            }

            rollups.Add(new RollupConfiguration(child.Key, text, child["TimeZone"], child["Retention"]));
        }

        return rollups;
    }

    /// <summary>Parses the rollup's SQL and options.</summary>
    /// <exception cref="RollupDefinitionException">The SQL does not define a rollup, or an option is invalid.
    /// </exception>
    public RollupDefinition ToDefinition()
    {
        TimeZoneInfo? zone = null;
        if (!string.IsNullOrWhiteSpace(TimeZone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
            }
            catch (TimeZoneNotFoundException)
            {
                throw new RollupDefinitionException(Name, $"unknown time zone '{TimeZone}' (use an IANA name)");
            }
        }

        TimeSpan? retention = null;
        if (!string.IsNullOrWhiteSpace(Retention))
        {
            if (!IsoPeriod.TryParse(Retention, out var period) || period.HasCalendarFields && period.TotalMonths > 0)
            {
                throw new RollupDefinitionException(Name,
                    $"retention '{Retention}' is not an ISO-8601 period of weeks, days, hours, minutes or seconds");
            }

            retention = TimeSpan.FromMilliseconds(period.StandardMillis);
        }

        return RollupDefinition.Parse(Name, Sql, new Engine.Rollups.RollupOptions
        {
            TimeZone = zone,
            Retention = retention,
        });
    }
}
