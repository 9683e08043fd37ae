namespace Monolith.Engine.Transform.Expressions;

/// <summary>Parts that <see cref="ExtractExpr"/> takes from a temporal value.</summary>
public enum DateField
{
    /// <summary>Calendar year.</summary>
    Year,

    /// <summary>Quarter, 1 to 4.</summary>
    Quarter,

    /// <summary>Month, 1 to 12.</summary>
    Month,

    /// <summary>Day of the month, 1 to 31.</summary>
    Day,

    /// <summary>Hour, 0 to 23 (a TIME may exceed 23).</summary>
    Hour,

    /// <summary>Minute, 0 to 59.</summary>
    Minute,

    /// <summary>Second, 0 to 59.</summary>
    Second,

    /// <summary>Microsecond of the second, 0 to 999,999.</summary>
    Microsecond,

    /// <summary>Day of the week as ISO numbers it (and Druid returns it): Monday 1 to Sunday 7.</summary>
    DayOfWeek,

    /// <summary>Day of the year, 1 to 366.</summary>
    DayOfYear,

    /// <summary>Whole seconds since 1970-01-01 00:00 (rounded down).</summary>
    Epoch,
}
