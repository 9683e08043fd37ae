using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Monolith.Engine.Time;

/// <summary>
/// <c>TIME_FLOOR</c> as functions: the scalar form over epoch milliseconds with Druid's semantics (see
/// <see cref="Granularity"/>), and a span form for fixed periods in UTC.
/// </summary>
public static class TimeFloor
{
    /// <summary><c>TIME_FLOOR(t, period[, origin[, zone]])</c> for one instant.</summary>
    /// <remarks>Builds a <see cref="Granularity"/> per call; code flooring many values keeps one instead.</remarks>
    public static long Floor(long t, IsoPeriod period, TimeZoneInfo? zone = null, long? origin = null) =>
        Granularity.Of(period, zone, origin).BucketStart(t);

    /// <summary>
    /// Floors instants to buckets of <paramref name="periodMillis"/> counted from <paramref name="origin"/>:
    /// <c>starts[i] = t - floorMod(t - origin, period)</c>. The loop keeps the current bucket and compares four
    /// instants at a time against it, so time-ordered input (the common case) costs a compare and a store per
    /// value; a division happens only when a new bucket starts.
    /// </summary>
    public static void FloorFixed(ReadOnlySpan<long> instants, Span<long> starts, long periodMillis, long origin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodMillis);
        if (starts.Length < instants.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(starts));
        }

        long low = 0, high = long.MinValue;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(instants);
            ref var target = ref MemoryMarshal.GetReference(starts);
            for (; i + Vector256<long>.Count <= instants.Length; i += Vector256<long>.Count)
            {
                var values = Vector256.LoadUnsafe(ref source, (nuint)i);
                var inside = Vector256.GreaterThanOrEqual(values, Vector256.Create(low)) &
                             Vector256.LessThan(values, Vector256.Create(high));
                if (inside == Vector256<long>.AllBitsSet)
                {
                    Vector256.Create(low).StoreUnsafe(ref target, (nuint)i);
                    continue;
                }

                for (var j = i; j < i + Vector256<long>.Count; j++)
                {
                    starts[j] = One(instants[j], periodMillis, origin, ref low, ref high);
                }
            }
        }

        for (; i < instants.Length; i++)
        {
            starts[i] = One(instants[i], periodMillis, origin, ref low, ref high);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long One(long t, long period, long origin, ref long low, ref long high)
    {
        if (t >= low && t < high)
        {
            return low;
        }

        low = t - CivilTime.FloorMod(t - origin, period);
        high = low > long.MaxValue - period ? long.MaxValue : low + period;
        return low;
    }
}
