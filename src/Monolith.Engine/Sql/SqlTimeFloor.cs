using System.Diagnostics.CodeAnalysis;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Sql;

/// <summary>
/// Recognises the time-bucketing forms of the dialect and turns them into a <see cref="Granularity"/>:
/// <c>TIME_FLOOR(t, 'period'[, origin[, 'zone']])</c>, <c>FLOOR(t TO unit)</c> and
/// <c>DATE_TRUNC('unit', t)</c>. Period, origin and zone must be constants.
/// </summary>
internal static class SqlTimeFloor
{
    /// <summary>True when <paramref name="expression"/> is a time-bucketing call; its operand and granularity
    /// are returned. Malformed calls throw <see cref="SqlValidationException"/>.</summary>
    public static bool TryRead(
        SqlExpression expression,
        TimeZoneInfo? defaultZone,
        [NotNullWhen(true)] out SqlExpression? operand,
        [NotNullWhen(true)] out Granularity? granularity)
    {
        operand = null;
        granularity = null;
        switch (expression)
        {
            case SqlFloorToExpression { Ceiling: false } floor:
                operand = floor.Operand;
                granularity = Granularity.Of(UnitPeriod(floor.Unit, floor.Offset), defaultZone);
                return true;
            case SqlFunctionCall { Name: "TIME_FLOOR" } call:
                ReadTimeFloor(call, defaultZone, out operand, out granularity);
                return true;
            case SqlFunctionCall { Name: "DATE_TRUNC" } call:
                if (call.Arguments.Count != 2 || call.Arguments[0] is not SqlStringLiteral unitText)
                {
                    throw new SqlValidationException(call.Offset, "DATE_TRUNC needs a unit string and a timestamp");
                }

                if (!TryParseUnit(unitText.Value, out var unit))
                {
                    throw new SqlValidationException(unitText.Offset,
                        $"DATE_TRUNC unit '{unitText.Value}' is not one of second, minute, hour, day, week, month, " +
                        "quarter, year");
                }

                operand = call.Arguments[1];
                granularity = Granularity.Of(UnitPeriod(unit, unitText.Offset), defaultZone);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The period of a FLOOR/DATE_TRUNC unit.</summary>
    public static IsoPeriod UnitPeriod(SqlTimeUnit unit, int offset) => unit switch
    {
        SqlTimeUnit.Second => new IsoPeriod(0, 0, 0, 0, 0, 0, 1, 0),
        SqlTimeUnit.Minute => new IsoPeriod(0, 0, 0, 0, 0, 1, 0, 0),
        SqlTimeUnit.Hour => new IsoPeriod(0, 0, 0, 0, 1, 0, 0, 0),
        SqlTimeUnit.Day => new IsoPeriod(0, 0, 0, 1, 0, 0, 0, 0),
        SqlTimeUnit.Week => new IsoPeriod(0, 0, 1, 0, 0, 0, 0, 0),
        SqlTimeUnit.Month => new IsoPeriod(0, 1, 0, 0, 0, 0, 0, 0),
        SqlTimeUnit.Quarter => new IsoPeriod(0, 3, 0, 0, 0, 0, 0, 0),
        SqlTimeUnit.Year => new IsoPeriod(1, 0, 0, 0, 0, 0, 0, 0),
        _ => throw new SqlValidationException(offset, $"time unit {SqlFormatting.Unit(unit)} cannot bucket time"),
    };

    private static bool TryParseUnit(string text, out SqlTimeUnit unit)
    {
        unit = text.ToUpperInvariant() switch
        {
            "SECOND" => SqlTimeUnit.Second,
            "MINUTE" => SqlTimeUnit.Minute,
            "HOUR" => SqlTimeUnit.Hour,
            "DAY" => SqlTimeUnit.Day,
            "WEEK" => SqlTimeUnit.Week,
            "MONTH" => SqlTimeUnit.Month,
            "QUARTER" => SqlTimeUnit.Quarter,
            "YEAR" => SqlTimeUnit.Year,
            _ => SqlTimeUnit.DayOfWeek,
        };
        return unit != SqlTimeUnit.DayOfWeek;
    }

    private static void ReadTimeFloor(
        SqlFunctionCall call, TimeZoneInfo? defaultZone, out SqlExpression operand, out Granularity granularity)
    {
        if (call.Arguments.Count is < 2 or > 4 || call.Distinct || call.Star)
        {
            throw new SqlValidationException(call.Offset,
                "TIME_FLOOR needs a timestamp, a period and optionally an origin and a time zone");
        }

        operand = call.Arguments[0];
        if (call.Arguments[1] is not SqlStringLiteral periodText)
        {
            throw new SqlValidationException(call.Arguments[1].Offset,
                "TIME_FLOOR needs a constant period such as 'PT1H'");
        }

        if (!IsoPeriod.TryParse(periodText.Value, out var period))
        {
            throw new SqlValidationException(periodText.Offset,
                $"'{periodText.Value}' is not an ISO-8601 period such as PT1M, PT1H, P1D, P1W, P1M or P1Y");
        }

        long? origin = null;
        if (call.Arguments.Count >= 3)
        {
            origin = call.Arguments[2] switch
            {
                SqlNullLiteral => null,
                SqlTimestampLiteral t => t.WallClockMillis,
                SqlStringLiteral s when DruidTime.TryParseIso(s.Value, out var millis) => millis,
                var other => throw new SqlValidationException(other.Offset,
                    "TIME_FLOOR origin must be a TIMESTAMP literal, an ISO-8601 string or NULL"),
            };
        }

        var zone = defaultZone;
        if (call.Arguments.Count == 4)
        {
            zone = call.Arguments[3] switch
            {
                SqlNullLiteral => defaultZone,
                SqlStringLiteral s => FindZone(s),
                var other => throw new SqlValidationException(other.Offset,
                    "TIME_FLOOR time zone must be a string such as 'Europe/Berlin'"),
            };
        }

        granularity = Granularity.Of(period, zone, origin);
    }

    /// <summary>Looks up an IANA zone id.</summary>
    public static TimeZoneInfo FindZone(SqlStringLiteral literal)
    {
        if (TryFindZone(literal.Value, out var zone))
        {
            return zone;
        }

        throw new SqlValidationException(literal.Offset, $"'{literal.Value}' is not a known time zone");
    }

    /// <summary>Looks up an IANA zone id, accepting <c>UTC</c> and <c>Z</c>.</summary>
    public static bool TryFindZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (id is "UTC" or "Z" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }
}
