using System.Globalization;
using System.Text.RegularExpressions;

namespace Monolith.Shop.Verification;

/// <summary>
/// MariaDB expressions for the start of a time bucket in UTC epoch milliseconds, for the ISO-8601 periods rollups
/// use (<c>PT1M</c>, <c>PT15M</c>, <c>PT1H</c>, <c>P1D</c>, <c>P1W</c>, <c>P1M</c>, <c>P3M</c>, <c>P1Y</c>, ...).
/// </summary>
/// <remarks>
/// The expressions expect a session with <c>time_zone = '+00:00'</c>: a TIMESTAMP then reads as its UTC instant,
/// and a DATETIME's wall clock is taken as UTC, which is how rollups bucket it by default. Weeks start on Monday,
/// as Druid's do. Integer arithmetic throughout: a decimal division would round 86399/86400 up to a whole day.
/// </remarks>
internal static partial class TimeBucket
{
    private const string Epoch = "'1970-01-01 00:00:00'";

    /// <exception cref="FormatException">The period is not one of the supported forms.</exception>
    public static string EpochMilliseconds(string column, string period)
    {
        var seconds = $"TIMESTAMPDIFF(SECOND, {Epoch}, {column})";
        switch (period.ToUpperInvariant())
        {
            case "P1W":
                // 1970-01-05, four days after the epoch, was a Monday.
                return $"({Floor($"({seconds} - 345600)", 604800)} + 345600) * 1000";
            case "P1M":
                return $"TIMESTAMPDIFF(SECOND, {Epoch}, DATE_FORMAT({column}, '%Y-%m-01')) * 1000";
            case "P3M":
                return $"TIMESTAMPDIFF(SECOND, {Epoch}, " +
                       $"MAKEDATE(YEAR({column}), 1) + INTERVAL (QUARTER({column}) - 1) QUARTER) * 1000";
            case "P1Y":
                return $"TIMESTAMPDIFF(SECOND, {Epoch}, MAKEDATE(YEAR({column}), 1)) * 1000";
        }

        var length = FixedLength(period);
        return $"{Floor(seconds, length)} * 1000";
    }

    /// <summary>The length in seconds of a fixed period: <c>PTnS</c>, <c>PTnM</c>, <c>PTnH</c> or <c>PnD</c>.</summary>
    private static long FixedLength(string period)
    {
        var match = FixedPeriod().Match(period);
        if (!match.Success)
        {
            throw new FormatException(
                $"Time bucket period '{period}' is not supported: " +
                "expected PTnS, PTnM, PTnH, PnD, P1W, P1M, P3M or P1Y.");
        }

        var count = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "S" => 1L,
            "M" => 60L,
            "H" => 3600L,
            _ => 86400L,
        };
        if (count <= 0 || count > 366)
        {
            throw new FormatException($"Time bucket period '{period}' must count from 1 to 366 units.");
        }

        return count * unit;
    }

    /// <summary>floor(x / n) * n in integers, correct for instants before the epoch as well.</summary>
    private static string Floor(string x, long n) =>
        $"(({x} DIV {n}) - ({x} < 0 AND {x} MOD {n} <> 0)) * {n}";

    [GeneratedRegex("^(?:PT(?<n>[0-9]{1,4})(?<unit>[SMH])|P(?<n>[0-9]{1,3})(?<unit>D))$", RegexOptions.IgnoreCase)]
    private static partial Regex FixedPeriod();
}
