using System.Collections.Concurrent;

namespace Monolith.Engine.Time;

/// <summary>
/// Fast UTC-offset look-ups for one IANA time zone. <see cref="TimeZoneInfo"/> answers one instant at a time
/// and slowly; flooring millions of timestamps needs better. For each UTC year that is asked about, the
/// transitions inside it are found once (probing every six hours, then bisecting to the millisecond) and kept
/// in a small table; a look-up is then a year computation and a short scan. Tables are built lazily and
/// published without locks: two threads building the same year build the same table.
/// </summary>
internal sealed class ZoneOffsets
{
    private const int FirstTabledYear = 1800;
    private const int TabledYears = 600;
    private const long ProbeStep = 6 * CivilTime.MillisPerHour;

    // DateTimeOffset covers years 1 to 9999; instants outside use the offsets at those ends.
    private static readonly long s_minProbe = DateTimeOffset.MinValue.ToUnixTimeMilliseconds() + CivilTime.MillisPerDay;
    private static readonly long s_maxProbe = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() - CivilTime.MillisPerDay;
    private static readonly ConcurrentDictionary<string, ZoneOffsets> s_zones = new(StringComparer.Ordinal);

    private readonly TimeZoneInfo _zone;
    private readonly long _fixedOffset;
    private readonly YearTable?[] _years;

    private ZoneOffsets(TimeZoneInfo zone)
    {
        _zone = zone;
        IsFixed = zone.GetAdjustmentRules().Length == 0;
        _fixedOffset = (long)zone.BaseUtcOffset.TotalMilliseconds;
        _years = IsFixed ? [] : new YearTable?[TabledYears];
    }

    /// <summary>True when the zone never changes its offset (UTC, Etc/GMT+5 and the like).</summary>
    public bool IsFixed { get; }

    /// <summary>The shared look-up for a zone.</summary>
    public static ZoneOffsets For(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return s_zones.GetOrAdd(zone.Id, static (_, z) => new ZoneOffsets(z), zone);
    }

    /// <summary>The offset from UTC, in milliseconds, in effect at an instant.</summary>
    public long OffsetAt(long instant)
    {
        if (IsFixed)
        {
            return _fixedOffset;
        }

        var year = CivilTime.CivilFromDays(CivilTime.FloorDiv(instant, CivilTime.MillisPerDay)).Year;
        var index = year - FirstTabledYear;
        if ((ulong)index >= TabledYears)
        {
            return Probe(instant);
        }

        var table = Volatile.Read(ref _years[index]) ?? Build((int)index, year);
        return table.OffsetAt(instant);
    }

    /// <summary>
    /// The instant at which the wall clock reads <paramref name="local"/>. When the wall-clock time occurs twice
    /// (clocks turned back), the one with the same offset as <paramref name="hint"/> wins, else the earlier one;
    /// when it does not occur at all (clocks turned forward), the result is shifted forward by the gap, which
    /// lands at or after the transition.
    /// </summary>
    public long LocalToInstant(long local, long hint)
    {
        if (IsFixed)
        {
            return local - _fixedOffset;
        }

        var hinted = OffsetAt(hint);
        if (OffsetAt(local - hinted) == hinted)
        {
            return local - hinted;
        }

        var second = OffsetAt(local - hinted);
        var third = OffsetAt(local - second);
        var secondValid = OffsetAt(local - second) == second;
        var thirdValid = OffsetAt(local - third) == third;
        if (secondValid && thirdValid)
        {
            return local - Math.Max(second, third);
        }

        if (secondValid)
        {
            return local - second;
        }

        if (thirdValid)
        {
            return local - third;
        }

        return local - Math.Min(Math.Min(hinted, second), third);
    }

    private long Probe(long instant)
    {
        var clamped = Math.Clamp(instant, s_minProbe, s_maxProbe);
        return (long)_zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(clamped)).TotalMilliseconds;
    }

    private YearTable Build(int index, long year)
    {
        var start = CivilTime.DaysFromCivil(year, 1, 1) * CivilTime.MillisPerDay;
        var end = CivilTime.DaysFromCivil(year + 1, 1, 1) * CivilTime.MillisPerDay;
        var starts = new List<long> { start };
        var offsets = new List<long> { Probe(start) };
        var previous = start;
        for (var probe = start + ProbeStep; probe < end + ProbeStep; probe += ProbeStep)
        {
            var at = Math.Min(probe, end - 1);
            var offset = Probe(at);
            if (offset != offsets[^1])
            {
                // Bisect (previous, at] down to the first millisecond with the new offset.
                long low = previous, high = at;
                while (high - low > 1)
                {
                    var middle = low + ((high - low) / 2);
                    if (Probe(middle) == offset)
                    {
                        high = middle;
                    }
                    else
                    {
                        low = middle;
                    }
                }

                starts.Add(high);
                offsets.Add(offset);
            }

            previous = at;
        }

        var table = new YearTable([.. starts], [.. offsets]);
        Volatile.Write(ref _years[index], table);
        return table;
    }

    private sealed class YearTable(long[] starts, long[] offsets)
    {
        public long OffsetAt(long instant)
        {
            var i = starts.Length - 1;
            while (i > 0 && starts[i] > instant)
            {
                i--;
            }

            return offsets[i];
        }
    }
}
