using System.Diagnostics;
using CsCheck;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Tests.Changes;

/// <summary>The added-latency histogram against percentiles computed from the sorted durations.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void Every_duration_falls_into_a_bucket_whose_upper_edge_is_at_most_a_sixteenth_above_it() =>
        Gen.Long[0, long.MaxValue / 2].Sample(ticks =>
        {
            var index = LatencyHistogram.IndexOf(ticks);
            var upper = LatencyHistogram.UpperBound(index);
            Assert.InRange(ticks, index == 0 ? 0 : LatencyHistogram.UpperBound(index - 1) + 1, upper);
            Assert.True(upper - ticks <= ticks / 16, $"{ticks} in a bucket up to {upper}");
        });

    [Fact]
    public void Percentiles_are_the_nearest_rank_rounded_up_to_the_resolution() =>
        Gen.Long[0, 50_000_000].Array[1, 2000].Sample(durations =>
        {
            var histogram = new LatencyHistogram();
            foreach (var ticks in durations)
            {
                histogram.Record(ticks);
            }

            var sorted = durations.Order().ToArray();
            var snapshot = histogram.Snapshot();
            Assert.Equal(durations.Length, snapshot.Count);
            Assert.Equal(Time(sorted[^1]), snapshot.Max);
            Assert.Equal(Time(durations.Sum()), snapshot.Sum);
            foreach (var (fraction, reported) in new[] { (0.5, snapshot.P50), (0.99, snapshot.P99) })
            {
                var exact = sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
                Assert.InRange(reported, Time(exact), Time(exact + (exact / 16) + 1));
            }
        });

    [Fact]
    public void A_snapshot_since_a_mark_reports_only_what_was_recorded_after_it() =>
        Gen.Select(Gen.Long[0, 50_000_000].Array[0, 500], Gen.Long[0, 50_000_000].Array[1, 500]).Sample(
            (before, after) =>
            {
                var histogram = new LatencyHistogram();
                foreach (var ticks in before)
                {
                    histogram.Record(ticks);
                }

                var mark = histogram.Mark();
                foreach (var ticks in after)
                {
                    histogram.Record(ticks);
                }

                var sorted = after.Order().ToArray();
                var since = histogram.SnapshotSince(mark);
                Assert.Equal(after.Length, since.Count);
                Assert.Equal(Time(after.Sum()), since.Sum);
                Assert.InRange(since.Max, Time(sorted[^1]), Time(sorted[^1] + (sorted[^1] / 16) + 1));
                var exact = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];
                Assert.InRange(since.P99, Time(exact), Time(exact + (exact / 16) + 1));
            });

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        var snapshot = new LatencyHistogram().Snapshot();
        Assert.Equal(0, snapshot.Count);
        Assert.Equal(TimeSpan.Zero, snapshot.P99);
        Assert.Equal(TimeSpan.Zero, snapshot.Max);
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var histogram = new LatencyHistogram();
        var (least, rounds) = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record(i * 997L);
            }
        });
        Assert.True(least == 0, rounds);
    }

    private static TimeSpan Time(long ticks) => Stopwatch.GetElapsedTime(0, ticks);
}
