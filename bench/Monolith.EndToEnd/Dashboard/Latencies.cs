using System.Diagnostics;
using System.Globalization;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>Timed runs of one query on one engine: median and 99th percentile (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public TimeSpan Median => Percentile(0.5);

    public TimeSpan P99 => Percentile(0.99);

    public void Add(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="share"/> of samples at or below
    /// it (with 20 runs the 99th percentile is the slowest run).</summary>
    public TimeSpan Percentile(double share)
    {
        if (_ticks.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = _ticks.Order().ToList();
        var rank = Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1);
        return Stopwatch.GetElapsedTime(0, sorted[rank]);
    }

    /// <summary>A duration with a unit that keeps three significant digits: µs, ms or s.</summary>
    public static string Format(TimeSpan value)
    {
        var microseconds = value.Ticks / 10.0;
        return microseconds switch
        {
            < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds:0.#} µs"),
            < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000:0.##} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000:0.##} s"),
        };
    }
}
