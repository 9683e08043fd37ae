using System.Diagnostics;
using System.Numerics;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// A histogram of durations with a bounded relative error: exact below 32 ticks, then 16 buckets per power of two
/// (each at most 1/16 wide relative to its lower edge), so any percentile it reports is within 6.25 % of the true
/// value and never below it. Fixed size, so recording allocates nothing; one thread records, any thread reads.
/// </summary>
public sealed class LatencyHistogram
{
    private const int ExactBuckets = 32;
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;

    private readonly long[] _counts = new long[ExactBuckets + ((64 - 5) * SubBuckets)];
    private long _sum;
    private long _max;

    /// <summary>Records one duration measured in <see cref="Stopwatch"/> ticks; a negative one counts as 0.</summary>
    public void Record(long ticks)
    {
        ticks = Math.Max(0, ticks);
        Interlocked.Increment(ref _counts[IndexOf(ticks)]);
        Interlocked.Add(ref _sum, ticks);
        if (ticks > Volatile.Read(ref _max))
        {
            Volatile.Write(ref _max, ticks);
        }
    }

    /// <summary>Durations recorded so far, their percentiles and the longest, read while recording goes on.
    /// </summary>
    public LatencySnapshot Snapshot() => Summarize(ReadCounts(), Volatile.Read(ref _sum), Volatile.Read(ref _max));

    /// <summary>A point to measure from: <see cref="SnapshotSince"/> reports only what was recorded after it.
    /// </summary>
    public LatencyMark Mark() => new(ReadCounts(), Volatile.Read(ref _sum));

    /// <summary>The durations recorded since <paramref name="mark"/>, as <see cref="Snapshot"/> reports them; the
    /// longest is the upper edge of the highest bucket recorded into since then (capped at the longest ever).
    /// </summary>
    public LatencySnapshot SnapshotSince(LatencyMark mark)
    {
        var counts = ReadCounts();
        var max = 0L;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] -= mark.Counts[i];
            if (counts[i] > 0)
            {
                max = UpperBound(i);
            }
        }

        return Summarize(counts, Volatile.Read(ref _sum) - mark.Sum, Math.Min(max, Volatile.Read(ref _max)));
    }

    private long[] ReadCounts()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        return counts;
    }

    private static LatencySnapshot Summarize(long[] counts, long sum, long max)
    {
        var total = counts.Sum();
        return new LatencySnapshot(total, ToTime(sum), ToTime(Percentile(counts, total, 0.50, max)),
            ToTime(Percentile(counts, total, 0.90, max)), ToTime(Percentile(counts, total, 0.99, max)),
            ToTime(Percentile(counts, total, 0.999, max)), ToTime(max));
    }

    /// <summary>The bucket of a duration.</summary>
    internal static int IndexOf(long ticks)
    {
        if (ticks < ExactBuckets)
        {
            return (int)ticks;
        }

        var exponent = BitOperations.Log2((ulong)ticks);
        var sub = (int)(ticks >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ExactBuckets + ((exponent - 5) * SubBuckets) + sub;
    }

    /// <summary>The largest duration that falls into a bucket.</summary>
    internal static long UpperBound(int index)
    {
        if (index < ExactBuckets)
        {
            return index;
        }

        var exponent = ((index - ExactBuckets) / SubBuckets) + 5;
        var sub = (index - ExactBuckets) % SubBuckets;
        var lower = (long)(SubBuckets + sub) << (exponent - SubBucketBits);
        return lower + (1L << (exponent - SubBucketBits)) - 1;
    }

    /// <summary>The nearest-rank percentile: the upper edge of the bucket holding the rank-th duration, capped at
    /// the longest one seen.</summary>
    private static long Percentile(long[] counts, long total, double fraction, long max)
    {
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), max);
            }
        }

        return max;
    }

    private static TimeSpan ToTime(long ticks) => Stopwatch.GetElapsedTime(0, ticks);
}

/// <summary>What a <see cref="LatencyHistogram"/> held when read: how many durations, their total, percentiles
/// (nearest rank, rounded up to the histogram's resolution) and the longest.</summary>
public readonly record struct LatencySnapshot(
    long Count, TimeSpan Sum, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan P999, TimeSpan Max);

/// <summary>What a <see cref="LatencyHistogram"/> held at one moment, to report what came after it.</summary>
public sealed record LatencyMark(long[] Counts, long Sum);
