using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monolith.Engine.Time;

/// <summary>
/// Cuts the time line into buckets the way Druid's granularities and <c>TIME_FLOOR</c> do. All values are
/// epoch milliseconds of UTC instants; a bucket is named by the instant it starts at.
/// <para>
/// Semantics, following Druid's period granularity: without an origin, single-unit periods floor to the
/// calendar unit in the zone's wall clock (P1D to local midnight, P1W to Monday, P1M to the first of the month,
/// P1Y to January 1, PT1H to the local hour); multiples and periods with an origin count whole periods from the
/// origin, which defaults to 1970-01-01T00:00 on the zone's wall clock. Days, weeks, months and years are counted
/// on the wall clock, so a day in a zone with daylight saving time lasts 23 or 25 hours; hours, minutes and
/// seconds are counted in absolute time, so a PT1H bucket always lasts an hour and the repeated hour when clocks
/// go back is two buckets. Compound periods (P1DT12H) count on the wall clock from the origin.
/// </para>
/// </summary>
public sealed partial class Granularity : IEquatable<Granularity>
{
    private readonly Mode _mode;
    private readonly ZoneOffsets _offsets;
    private readonly long _step;
    private readonly long _originInstant;
    private readonly long _originLocal;
    private readonly bool _utc;

    private Granularity(GranularityKind kind, IsoPeriod period, TimeZoneInfo zone, long? origin, long durationMillis)
    {
        Kind = kind;
        Period = period;
        TimeZone = zone;
        Origin = origin;
        _offsets = ZoneOffsets.For(zone);
        _utc = _offsets.IsFixed && _offsets.OffsetAt(0) == 0;
        if (kind == GranularityKind.Duration)
        {
            _mode = Mode.Absolute;
            _step = durationMillis;
            _originInstant = origin ?? 0;
            return;
        }

        if (kind != GranularityKind.Period)
        {
            return;
        }

        _originLocal = origin is { } o ? o + _offsets.OffsetAt(o) : 0;
        _originInstant = origin ?? _offsets.LocalToInstant(0, 0);
        (_mode, _step) = ChooseMode(period, origin.HasValue, _offsets.IsFixed);
    }

    private enum Mode
    {
        Identity,
        Absolute,
        OwnOffset,
        LocalYear,
        LocalMonth,
        LocalWeek,
        LocalDay,
        LocalMonths,
        LocalMillis,
        Compound,
    }

    /// <summary>The earliest instant Druid represents (Joda's minimum, half of <see cref="long.MinValue"/>).</summary>
    public const long MinInstant = long.MinValue / 2;

    /// <summary>The latest instant Druid represents (half of <see cref="long.MaxValue"/>).</summary>
    public const long MaxInstant = long.MaxValue / 2;

    /// <summary>One bucket for all time.</summary>
    public static Granularity All { get; } = new(GranularityKind.All, default, TimeZoneInfo.Utc, null, 0);

    /// <summary>Every distinct millisecond its own bucket.</summary>
    public static Granularity None { get; } = new(GranularityKind.None, default, TimeZoneInfo.Utc, null, 0);

    /// <summary>The kind of bucketing.</summary>
    public GranularityKind Kind { get; }

    /// <summary>The period, for <see cref="GranularityKind.Period"/>.</summary>
    public IsoPeriod Period { get; }

    /// <summary>The time zone whose wall clock calendar units follow; UTC unless configured.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The instant buckets are counted from, when one was given.</summary>
    public long? Origin { get; }

    /// <summary>True for periods without calendar fields in a zone without offset changes, or durations: the
    /// buckets are then plain arithmetic on the milliseconds and <see cref="BucketStarts"/> runs vectorized.</summary>
    public bool IsFixedArithmetic => _mode == Mode.Absolute || (_mode == Mode.OwnOffset && _offsets.IsFixed);

    /// <summary>A period granularity.</summary>
    /// <param name="period">The period; must not be zero.</param>
    /// <param name="zone">Time zone of the wall clock; UTC when null.</param>
    /// <param name="origin">Instant (epoch milliseconds) to count periods from; 1970-01-01T00:00 wall clock when
    /// null.</param>
    public static Granularity Of(IsoPeriod period, TimeZoneInfo? zone = null, long? origin = null)
    {
        if (period.IsZero)
        {
            throw new ArgumentException("A granularity needs a non-zero period.", nameof(period));
        }

        return new Granularity(GranularityKind.Period, period, zone ?? TimeZoneInfo.Utc, origin, 0);
    }

    /// <summary>A duration granularity: buckets of a fixed number of milliseconds counted from an origin.</summary>
    public static Granularity OfDuration(long durationMillis, long origin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationMillis);
        return new Granularity(GranularityKind.Duration, default, TimeZoneInfo.Utc, origin, durationMillis);
    }

    /// <summary>
    /// Druid's simple granularity names (<c>all</c>, <c>none</c>, <c>second</c>, <c>minute</c>,
    /// <c>five_minute</c>, <c>ten_minute</c>, <c>fifteen_minute</c>, <c>thirty_minute</c>, <c>hour</c>,
    /// <c>six_hour</c>, <c>eight_hour</c>, <c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c>, <c>year</c>),
    /// in any letter case, in UTC.
    /// </summary>
    public static bool TryParseSimple([NotNullWhen(true)] string? name,
        [NotNullWhen(true)] out Granularity? granularity)
    {
        granularity = name?.ToLowerInvariant() switch
        {
            "all" => All,
            "none" => None,
            _ => null,
        };
        if (granularity is not null)
        {
            return true;
        }

        var period = SimplePeriod(name);
        granularity = period is { } p ? Of(p) : null;
        return granularity is not null;
    }

    private static IsoPeriod? SimplePeriod(string? name) => name?.ToLowerInvariant() switch
    {
        "second" => new IsoPeriod(0, 0, 0, 0, 0, 0, 1, 0),
        "minute" => new IsoPeriod(0, 0, 0, 0, 0, 1, 0, 0),
        "five_minute" => new IsoPeriod(0, 0, 0, 0, 0, 5, 0, 0),
        "ten_minute" => new IsoPeriod(0, 0, 0, 0, 0, 10, 0, 0),
        "fifteen_minute" => new IsoPeriod(0, 0, 0, 0, 0, 15, 0, 0),
        "thirty_minute" => new IsoPeriod(0, 0, 0, 0, 0, 30, 0, 0),
        "hour" => new IsoPeriod(0, 0, 0, 0, 1, 0, 0, 0),
        "six_hour" => new IsoPeriod(0, 0, 0, 0, 6, 0, 0, 0),
        "eight_hour" => new IsoPeriod(0, 0, 0, 0, 8, 0, 0, 0),
        "day" => new IsoPeriod(0, 0, 0, 1, 0, 0, 0, 0),
        "week" => new IsoPeriod(0, 0, 1, 0, 0, 0, 0, 0),
        "month" => new IsoPeriod(0, 1, 0, 0, 0, 0, 0, 0),
        "quarter" => new IsoPeriod(0, 3, 0, 0, 0, 0, 0, 0),
        "year" => new IsoPeriod(1, 0, 0, 0, 0, 0, 0, 0),
        _ => null,
    };

    /// <summary>The start of the bucket containing instant <paramref name="t"/>.</summary>
    public long BucketStart(long t)
    {
        switch (_mode)
        {
            case Mode.Identity:
                return Kind == GranularityKind.All ? MinInstant : t;
            case Mode.Absolute:
                return t - CivilTime.FloorMod(t - _originInstant, _step);
            case Mode.OwnOffset:
                var offset = _offsets.OffsetAt(t);
                var local = t + offset;
                return local - CivilTime.FloorMod(local, _step) - offset;
            default:
                break;
        }

        var localTime = _utc ? t : t + _offsets.OffsetAt(t);
        var bucketLocal = _mode switch
        {
            Mode.LocalYear => CivilTime.FloorToYear(localTime),
            Mode.LocalMonth => CivilTime.FloorToMonth(localTime),
            Mode.LocalWeek => CivilTime.FloorToWeek(localTime),
            Mode.LocalDay => localTime - CivilTime.FloorMod(localTime, CivilTime.MillisPerDay),
            Mode.LocalMillis => localTime - CivilTime.FloorMod(localTime - _originLocal, _step),
            Mode.LocalMonths => CivilTime.AddMonths(_originLocal,
                CivilTime.FloorDiv(CivilTime.MonthsBetweenFloor(_originLocal, localTime), _step) * _step),
            _ => CompoundFloor(localTime),
        };
        return _utc ? bucketLocal : _offsets.LocalToInstant(bucketLocal, t);
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStart"/>.</summary>
    public long Next(long bucketStart)
    {
        switch (_mode)
        {
            case Mode.Identity:
                return Kind == GranularityKind.All ? MaxInstant : bucketStart + 1;
            case Mode.Absolute:
            case Mode.OwnOffset:
                return bucketStart + _step;
            default:
                break;
        }

        if (!Period.HasCalendarFields)
        {
            return bucketStart + Period.StandardMillis;
        }

        var local = _utc ? bucketStart : bucketStart + _offsets.OffsetAt(bucketStart);
        var next = CivilTime.AddMonths(local, Period.TotalMonths) + Period.StandardMillis;
        return _utc ? next : _offsets.LocalToInstant(next, bucketStart);
    }

    /// <summary>
    /// Bucket starts of many instants. Fixed-arithmetic granularities run a vectorized loop; others remember the
    /// last bucket so that time-ordered input computes each bucket once.
    /// </summary>
    public void BucketStarts(ReadOnlySpan<long> instants, Span<long> starts)
    {
        if (starts.Length < instants.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(starts));
        }

        if (_mode == Mode.Absolute || (_mode == Mode.OwnOffset && _offsets.IsFixed))
        {
            var origin = _mode == Mode.Absolute ? _originInstant : -_offsets.OffsetAt(0);
            TimeFloor.FloorFixed(instants, starts, _step, origin);
            return;
        }

        long current = 0, next = long.MinValue;
        for (var i = 0; i < instants.Length; i++)
        {
            var t = instants[i];
            if (t < current || t >= next)
            {
                current = BucketStart(t);
                next = Next(current);
            }

            starts[i] = current;
        }
    }

    private long CompoundFloor(long local)
    {
        var months = Period.TotalMonths;
        var millis = Period.StandardMillis;
        var count = CivilTime.FloorDiv(local - _originLocal, Math.Max(1, Period.ApproximateMillis));
        while (AddLocal(count) > local)
        {
            count--;
        }

        while (AddLocal(count + 1) <= local)
        {
            count++;
        }

        return AddLocal(count);

        long AddLocal(long n) => CivilTime.AddMonths(_originLocal, months * n) + (millis * n);
    }

    private static (Mode Mode, long Step) ChooseMode(IsoPeriod p, bool hasOrigin, bool fixedZone)
    {
        if (p.IsCompound)
        {
            if (p.TotalMonths == 0 && fixedZone)
            {
                return (Mode.LocalMillis, p.StandardMillis);
            }

            return (Mode.Compound, 0);
        }

        if (p.Years != 0)
        {
            return p.Years == 1 && !hasOrigin ? (Mode.LocalYear, 0) : (Mode.LocalMonths, p.Years * 12L);
        }

        if (p.Months != 0)
        {
            return p.Months == 1 && !hasOrigin ? (Mode.LocalMonth, 0) : (Mode.LocalMonths, p.Months);
        }

        if (p.Weeks != 0)
        {
            return p.Weeks == 1 && !hasOrigin ? (Mode.LocalWeek, 0) : (Mode.LocalMillis, p.StandardMillis);
        }

        if (p.Days != 0)
        {
            return p.Days == 1 && !hasOrigin ? (Mode.LocalDay, 0) : (Mode.LocalMillis, p.StandardMillis);
        }

        var single = p.Hours + p.Minutes + p.Seconds + p.Milliseconds == 1;
        return single && !hasOrigin ? (Mode.OwnOffset, p.StandardMillis) : (Mode.Absolute, p.StandardMillis);
    }

    /// <inheritdoc />
    public bool Equals(Granularity? other) =>
        other is not null && Kind == other.Kind && Period == other.Period && Origin == other.Origin &&
        _step == other._step && TimeZone.Id == other.TimeZone.Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Granularity);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Period, Origin, _step, TimeZone.Id);

    /// <summary>Reads as the period, with the zone and origin when they are not the defaults.</summary>
    public override string ToString()
    {
        var text = Kind switch
        {
            GranularityKind.All => "all",
            GranularityKind.None => "none",
            GranularityKind.Duration => $"duration {_step.ToString(CultureInfo.InvariantCulture)} ms",
            _ => Period.ToString(),
        };
        if (TimeZone.Id != TimeZoneInfo.Utc.Id)
        {
            text += $" in {TimeZone.Id}";
        }

        if (Origin is { } origin)
        {
            text += $" from {DruidTime.FormatIso(origin)}";
        }

        return text;
    }
}
