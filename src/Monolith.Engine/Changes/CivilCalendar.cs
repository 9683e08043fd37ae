using System.Runtime.CompilerServices;

namespace Monolith.Engine.Changes;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on day numbers counted from 1970-01-01, the representation of
/// Arrow's Date32 and the day part of its timestamps. Branch-light integer formulas with no table and no
/// allocation, valid for every year MySQL stores (0 to 9999) and far beyond.
/// </summary>
public static class CivilCalendar
{
    /// <summary>Microseconds in a day.</summary>
    public const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Microseconds in a second.</summary>
    public const long MicrosPerSecond = 1_000_000L;

    /// <summary>Days from 1970-01-01 to the given date (negative before it). The date is not validated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DaysFromCivil(int year, int month, int day)
    {
        // Shift the year to start in March so that the leap day is the last day of the shifted year.
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    /// <summary>The date of a day number counted from 1970-01-01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var shiftedMonth = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * shiftedMonth) + 2) / 5) + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        var year = (int)(yearOfEra + (era * 400) + (month <= 2 ? 1 : 0));
        return (year, month, day);
    }

    /// <summary>Whether the year is a Gregorian leap year.</summary>
    public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    /// <summary>Number of days in a month (1 to 12) of a year.</summary>
    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Whether year, month and day name a real calendar date (year 0 to 9999, no zero parts).</summary>
    public static bool IsValidDate(int year, int month, int day) =>
        (uint)year <= 9999 && (uint)(month - 1) < 12 && day >= 1 && day <= DaysInMonth(year, month);

    /// <summary>Whether hour, minute, second and microsecond form a time of day.</summary>
    public static bool IsValidTimeOfDay(int hour, int minute, int second, int microsecond) =>
        (uint)hour < 24 && (uint)minute < 60 && (uint)second < 60 && (uint)microsecond < 1_000_000;

    /// <summary>Microseconds from 1970-01-01 00:00 to the given wall-clock time, as if it were UTC.
    /// The parts are not validated.</summary>
    public static long MicrosFromCivil(int year, int month, int day, int hour, int minute, int second,
        int microsecond) =>
        (DaysFromCivil(year, month, day) * MicrosPerDay)
        + ((((hour * 60L) + minute) * 60L) + second) * MicrosPerSecond
        + microsecond;

    /// <summary>Splits microseconds since the epoch into the day number and the microsecond of that day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (long Days, long MicrosOfDay) SplitMicros(long micros)
    {
        var days = Math.DivRem(micros, MicrosPerDay, out var rest);
        if (rest < 0)
        {
            days--;
            rest += MicrosPerDay;
        }

        return (days, rest);
    }
}
