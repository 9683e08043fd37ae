namespace Monolith.Engine.Sql.Ast;

/// <summary>Time units of EXTRACT, FLOOR(x TO unit) and INTERVAL literals.</summary>
public enum SqlTimeUnit
{
    /// <summary>MILLISECOND.</summary>
    Millisecond,

    /// <summary>SECOND.</summary>
    Second,

    /// <summary>MINUTE.</summary>
    Minute,

    /// <summary>HOUR.</summary>
    Hour,

    /// <summary>DAY (day of month for EXTRACT).</summary>
    Day,

    /// <summary>WEEK (ISO week, starting Monday).</summary>
    Week,

    /// <summary>MONTH.</summary>
    Month,

    /// <summary>QUARTER.</summary>
    Quarter,

    /// <summary>YEAR.</summary>
    Year,

    /// <summary>DOW, day of week for EXTRACT (1 = Monday .. 7 = Sunday, ISO numbering as Druid uses).</summary>
    DayOfWeek,

    /// <summary>DOY, day of year for EXTRACT.</summary>
    DayOfYear,

    /// <summary>EPOCH, seconds since 1970 for EXTRACT.</summary>
    Epoch,
}
