namespace Monolith.Engine.Transform.Expressions;

/// <summary>Units of <c>INTERVAL</c> arithmetic and <c>TIMESTAMPDIFF</c>.</summary>
public enum IntervalPart
{
    /// <summary>Microseconds.</summary>
    Microsecond,

    /// <summary>Seconds.</summary>
    Second,

    /// <summary>Minutes.</summary>
    Minute,

    /// <summary>Hours.</summary>
    Hour,

    /// <summary>Days.</summary>
    Day,

    /// <summary>Weeks of seven days.</summary>
    Week,

    /// <summary>Calendar months; the day is clamped to the end of a shorter month.</summary>
    Month,

    /// <summary>Three calendar months.</summary>
    Quarter,

    /// <summary>Calendar years; 29 February becomes 28 February in a common year.</summary>
    Year,
}
