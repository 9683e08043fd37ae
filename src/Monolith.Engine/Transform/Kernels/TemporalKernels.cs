using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Expressions;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// Calendar arithmetic on microseconds since 1970 (timestamps, read as UTC or as the wall clock written)
/// and on day numbers (dates), without time zones: zone-aware bucketing lives with the time functions.
/// </summary>
internal static class TemporalKernels
{
    /// <summary>Smallest and largest microsecond values of years 0 to 9999 (MySQL's range).</summary>
    public static readonly long MinMicros = CivilCalendar.DaysFromCivil(0, 1, 1) * CivilCalendar.MicrosPerDay;

    public static readonly long MaxMicros = (CivilCalendar.DaysFromCivil(10000, 1, 1) * CivilCalendar.MicrosPerDay) - 1;

    public static long Extract(DateField field, long micros)
    {
        var (days, ofDay) = CivilCalendar.SplitMicros(micros);
        return field switch
        {
            DateField.Hour => ofDay / 3_600_000_000L,
            DateField.Minute => ofDay / 60_000_000L % 60,
            DateField.Second => ofDay / 1_000_000L % 60,
            DateField.Microsecond => ofDay % 1_000_000L,
            DateField.Epoch => Math.DivRem(micros, CivilCalendar.MicrosPerSecond, out var rest) - (rest < 0 ? 1 : 0),
            _ => ExtractFromDays(field, days),
        };
    }

    public static long ExtractFromDays(DateField field, long days)
    {
        switch (field)
        {
            case DateField.DayOfWeek:
                // 1970-01-01 was a Thursday (ISO 4).
                var weekday = (days + 3) % 7;
                return (weekday < 0 ? weekday + 7 : weekday) + 1;
            case DateField.Epoch:
                return days * 86_400;
            case DateField.Hour or DateField.Minute or DateField.Second or DateField.Microsecond:
                return 0;
            default:
                break;
        }

        var (year, month, day) = CivilCalendar.CivilFromDays(days);
        return field switch
        {
            DateField.Year => year,
            DateField.Quarter => ((month - 1) / 3) + 1,
            DateField.Month => month,
            DateField.Day => day,
            _ => days - CivilCalendar.DaysFromCivil(year, 1, 1) + 1,
        };
    }

    /// <summary>Parts of a TIME (signed microseconds); the hour is not reduced modulo 24.</summary>
    public static long ExtractFromTime(DateField field, long micros)
    {
        var magnitude = Math.Abs(micros);
        var sign = micros < 0 ? -1 : 1;
        return field switch
        {
            DateField.Hour => sign * (magnitude / 3_600_000_000L),
            DateField.Minute => sign * (magnitude / 60_000_000L % 60),
            DateField.Second => sign * (magnitude / 1_000_000L % 60),
            DateField.Microsecond => sign * (magnitude % 1_000_000L),
            DateField.Epoch => micros / 1_000_000L,
            _ => 0,
        };
    }

    /// <summary>Adds whole calendar months, clamping the day to the end of a shorter month.</summary>
    public static bool TryAddMonths(long days, long months, out long result)
    {
        var (year, month, day) = CivilCalendar.CivilFromDays(days);
        var total = (year * 12L) + (month - 1) + months;
        var newYear = Math.DivRem(total, 12, out var newMonth);
        if (newMonth < 0)
        {
            newMonth += 12;
            newYear--;
        }

        if (newYear is < 0 or > 9999)
        {
            result = 0;
            return false;
        }

        var clamped = Math.Min(day, CivilCalendar.DaysInMonth((int)newYear, (int)newMonth + 1));
        result = CivilCalendar.DaysFromCivil((int)newYear, (int)newMonth + 1, clamped);
        return true;
    }

    /// <summary>Adds an interval to microseconds; false when the result leaves years 0 to 9999.</summary>
    public static bool TryAddMicros(long micros, long amount, IntervalPart unit, out long result)
    {
        result = 0;
        if (unit is IntervalPart.Month or IntervalPart.Quarter or IntervalPart.Year)
        {
            var (days, ofDay) = CivilCalendar.SplitMicros(micros);
            if (!TryMonths(amount, unit, out var months) || !TryAddMonths(days, months, out var newDays))
            {
                return false;
            }

            result = (newDays * CivilCalendar.MicrosPerDay) + ofDay;
            return true;
        }

        var factor = unit switch
        {
            IntervalPart.Microsecond => 1L,
            IntervalPart.Second => CivilCalendar.MicrosPerSecond,
            IntervalPart.Minute => 60 * CivilCalendar.MicrosPerSecond,
            IntervalPart.Hour => 3600 * CivilCalendar.MicrosPerSecond,
            IntervalPart.Day => CivilCalendar.MicrosPerDay,
            _ => 7 * CivilCalendar.MicrosPerDay,
        };
        var high = Math.BigMul(amount, factor, out var delta);
        if (high != (delta >> 63))
        {
            return false;
        }

        var sum = micros + delta;
        if (((micros ^ sum) & (delta ^ sum)) < 0 || sum < MinMicros || sum > MaxMicros)
        {
            return false;
        }

        result = sum;
        return true;
    }

    /// <summary>Adds a day-or-larger interval to a date.</summary>
    public static bool TryAddDays(long days, long amount, IntervalPart unit, out long result)
    {
        result = 0;
        if (unit is IntervalPart.Month or IntervalPart.Quarter or IntervalPart.Year)
        {
            return TryMonths(amount, unit, out var months) && TryAddMonths(days, months, out result);
        }

        var factor = unit == IntervalPart.Week ? 7 : 1;
        if (Math.Abs(amount) > 4_000_000)
        {
            return false;
        }

        result = days + (amount * factor);
        return result >= MinMicros / CivilCalendar.MicrosPerDay && result <= MaxMicros / CivilCalendar.MicrosPerDay;
    }

    /// <summary>TIMESTAMPDIFF: whole units from start to end, truncated toward zero.</summary>
    public static long Difference(IntervalPart unit, long start, long end)
    {
        if (unit is IntervalPart.Month or IntervalPart.Quarter or IntervalPart.Year)
        {
            var months = MonthsBetween(start, end);
            return unit switch
            {
                IntervalPart.Month => months,
                IntervalPart.Quarter => months / 3,
                _ => months / 12,
            };
        }

        var delta = end - start;
        return unit switch
        {
            IntervalPart.Microsecond => delta,
            IntervalPart.Second => delta / CivilCalendar.MicrosPerSecond,
            IntervalPart.Minute => delta / (60 * CivilCalendar.MicrosPerSecond),
            IntervalPart.Hour => delta / (3600 * CivilCalendar.MicrosPerSecond),
            IntervalPart.Day => delta / CivilCalendar.MicrosPerDay,
            _ => delta / (7 * CivilCalendar.MicrosPerDay),
        };
    }

    /// <summary>Completed calendar months from start to end: a month counts once the day and time of day
    /// of the start are reached again.</summary>
    private static long MonthsBetween(long start, long end)
    {
        var (startDays, startOfDay) = CivilCalendar.SplitMicros(start);
        var (endDays, endOfDay) = CivilCalendar.SplitMicros(end);
        var (y1, m1, d1) = CivilCalendar.CivilFromDays(startDays);
        var (y2, m2, d2) = CivilCalendar.CivilFromDays(endDays);
        var months = ((y2 - y1) * 12L) + (m2 - m1);
        if (months > 0 && (d2 < d1 || (d2 == d1 && endOfDay < startOfDay)))
        {
            months--;
        }
        else if (months < 0 && (d2 > d1 || (d2 == d1 && endOfDay > startOfDay)))
        {
            months++;
        }

        return months;
    }

    private static bool TryMonths(long amount, IntervalPart unit, out long months)
    {
        var factor = unit switch
        {
            IntervalPart.Quarter => 3,
            IntervalPart.Year => 12,
            _ => 1,
        };
        months = amount * factor;
        return Math.Abs(amount) <= 200_000;
    }
}
