namespace Monolith.Engine.Time;

/// <summary>
/// A half-open interval of instants <c>[Start, End)</c> in epoch milliseconds, read and written as Druid
/// writes intervals: <c>2025-11-28T00:00:00.000Z/2025-11-29T00:00:00.000Z</c>, or with a period on one side
/// (<c>2025-11-28T00:00:00Z/P1D</c>, <c>P1D/2025-11-29T00:00:00Z</c>).
/// </summary>
public readonly record struct DruidInterval(long Start, long End)
{
    /// <summary>All representable time, Druid's eternity.</summary>
    public static DruidInterval Eternity { get; } = new(Granularity.MinInstant, Granularity.MaxInstant);

    /// <summary>True when <paramref name="instant"/> lies in the interval.</summary>
    public bool Contains(long instant) => instant >= Start && instant < End;

    /// <summary>Reads an interval.</summary>
    /// <exception cref="FormatException">The text is not an interval; the message names the part that is
    /// wrong.</exception>
    public static DruidInterval Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || text.IndexOf('/', slash + 1) >= 0)
        {
            throw new FormatException($"Interval '{text}' must have the form start/end, start/period or period/end");
        }

        var left = text[..slash].Trim();
        var right = text[(slash + 1)..].Trim();
        var leftIsPeriod = IsoPeriod.TryParse(left, out var leftPeriod);
        var rightIsPeriod = IsoPeriod.TryParse(right, out var rightPeriod);
        long start, end;
        if (leftIsPeriod && rightIsPeriod)
        {
            throw new FormatException($"Interval '{text}' has a period on both sides");
        }

        if (leftIsPeriod)
        {
            end = Instant(right, text);
            start = Subtract(end, leftPeriod);
        }
        else if (rightIsPeriod)
        {
            start = Instant(left, text);
            end = Add(start, rightPeriod);
        }
        else
        {
            start = Instant(left, text);
            end = Instant(right, text);
        }

        if (end < start)
        {
            throw new FormatException($"Interval '{text}' ends before it starts");
        }

        return new DruidInterval(start, end);
    }

    private static long Instant(string part, string whole)
    {
        if (!DruidTime.TryParseIso(part, out var millis))
        {
            throw new FormatException($"Interval '{whole}': '{part}' is not an ISO-8601 date-time or period");
        }

        return millis;
    }

    private static long Add(long instant, IsoPeriod period) =>
        CivilTime.AddMonths(instant, period.TotalMonths) + period.StandardMillis;

    private static long Subtract(long instant, IsoPeriod period) =>
        CivilTime.AddMonths(instant - period.StandardMillis, -period.TotalMonths);

    /// <inheritdoc />
    public override string ToString() => $"{DruidTime.FormatIso(Start)}/{DruidTime.FormatIso(End)}";
}
