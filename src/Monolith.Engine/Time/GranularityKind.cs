namespace Monolith.Engine.Time;

/// <summary>How a <see cref="Granularity"/> cuts time into buckets.</summary>
public enum GranularityKind
{
    /// <summary>One bucket for all time (Druid's <c>all</c>).</summary>
    All,

    /// <summary>No bucketing beyond the stored values (Druid's <c>none</c>, millisecond buckets).</summary>
    None,

    /// <summary>An ISO-8601 period in a time zone, aligned on an origin (Druid's <c>period</c> granularity and
    /// the simple names such as <c>hour</c>).</summary>
    Period,

    /// <summary>A fixed number of milliseconds from an origin (Druid's <c>duration</c> granularity).</summary>
    Duration,
}
