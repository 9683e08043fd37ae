namespace Monolith.Engine.Time;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on milliseconds of a wall-clock timeline (days since 1970-01-01
/// and milliseconds within the day), without <see cref="DateTime"/> range limits or allocations. The day
/// algorithms are the well-known era-based conversions between a day count and a civil date.
/// </summary>
internal static class CivilTime
{
    public const long MillisPerSecond = 1000;
    public const long MillisPerMinute = 60 * MillisPerSecond;
    public const long MillisPerHour = 60 * MillisPerMinute;
    public const long MillisPerDay = 24 * MillisPerHour;

    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? quotient - 1 : quotient;
    }

    public static long FloorMod(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder != 0 && ((remainder < 0) != (divisor < 0)) ? remainder + divisor : remainder;
    }

    /// <summary>Days since 1970-01-01 of a civil date; month 1..12, day 1..31.</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    /// <summary>The civil date of a day count since 1970-01-01.</summary>
    public static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var year = yearOfEra + (era * 400);
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (year + (month <= 2 ? 1 : 0), month, day);
    }

    public static bool IsLeapYear(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Adds calendar months, clamping the day of month as calendars do (Jan 31 + 1 month = Feb 28).</summary>
    public static long AddMonths(long millis, long months)
    {
        if (months == 0)
        {
            return millis;
        }

        var days = FloorDiv(millis, MillisPerDay);
        var timeOfDay = millis - (days * MillisPerDay);
        var (year, month, day) = CivilFromDays(days);
        var total = (year * 12) + (month - 1) + months;
        var newYear = FloorDiv(total, 12);
        var newMonth = (int)(total - (newYear * 12)) + 1;
        var newDay = Math.Min(day, DaysInMonth(newYear, newMonth));
        return (DaysFromCivil(newYear, newMonth, newDay) * MillisPerDay) + timeOfDay;
    }

    /// <summary>The largest month count m with <c>AddMonths(from, m) &lt;= to</c>.</summary>
    public static long MonthsBetweenFloor(long from, long to)
    {
        var (fromYear, fromMonth, _) = CivilFromDays(FloorDiv(from, MillisPerDay));
        var (toYear, toMonth, _) = CivilFromDays(FloorDiv(to, MillisPerDay));
        var months = ((toYear - fromYear) * 12) + (toMonth - fromMonth);
        while (AddMonths(from, months) > to)
        {
            months--;
        }

        while (AddMonths(from, months + 1) <= to)
        {
            months++;
        }

        return months;
    }

    /// <summary>Start of the year containing <paramref name="millis"/>.</summary>
    public static long FloorToYear(long millis)
    {
        var (year, _, _) = CivilFromDays(FloorDiv(millis, MillisPerDay));
        return DaysFromCivil(year, 1, 1) * MillisPerDay;
    }

    /// <summary>Start of the month containing <paramref name="millis"/>.</summary>
    public static long FloorToMonth(long millis)
    {
        var (year, month, _) = CivilFromDays(FloorDiv(millis, MillisPerDay));
        return DaysFromCivil(year, month, 1) * MillisPerDay;
    }

    /// <summary>Start of the quarter (January, April, July, October) containing <paramref name="millis"/>.</summary>
    public static long FloorToQuarter(long millis)
    {
        var (year, month, _) = CivilFromDays(FloorDiv(millis, MillisPerDay));
        return DaysFromCivil(year, (((month - 1) / 3) * 3) + 1, 1) * MillisPerDay;
    }

    /// <summary>ISO day of week, 1 = Monday .. 7 = Sunday; 1970-01-01 was a Thursday.</summary>
    public static int IsoDayOfWeek(long days) => (int)FloorMod(days + 3, 7) + 1;

    /// <summary>Start of the ISO week (Monday 00:00) containing <paramref name="millis"/>.</summary>
    public static long FloorToWeek(long millis)
    {
        var days = FloorDiv(millis, MillisPerDay);
        return (days - (IsoDayOfWeek(days) - 1)) * MillisPerDay;
    }
}
