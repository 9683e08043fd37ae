using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Monolith.Engine.Time;

/// <summary>
/// An ISO-8601 period as Druid reads one (Joda's standard period type): <c>PnYnMnWnDTnHnMnS</c> with
/// non-negative whole amounts, fractional seconds allowed to millisecond precision (<c>PT0.5S</c>).
/// Examples: <c>PT1M</c>, <c>PT15M</c>, <c>PT1H</c>, <c>P1D</c>, <c>P1W</c>, <c>P3M</c>, <c>P1Y</c>,
/// <c>P1DT12H</c>.
/// </summary>
public readonly record struct IsoPeriod(
    int Years, int Months, int Weeks, int Days, int Hours, int Minutes, int Seconds, int Milliseconds)
{
    /// <summary>True when every field is zero; such a period cannot bucket time.</summary>
    public bool IsZero => this == default;

    /// <summary>True when the period has a year, month, week or day field, whose length depends on the calendar
    /// and the time zone.</summary>
    public bool HasCalendarFields => Years != 0 || Months != 0 || Weeks != 0 || Days != 0;

    /// <summary>True when more than one field is set, as in <c>P1DT12H</c>.</summary>
    public bool IsCompound
    {
        get
        {
            var set = 0;
            foreach (var value in (ReadOnlySpan<int>)[Years, Months, Weeks, Days, Hours, Minutes, Seconds,
                Milliseconds])
            {
                set += value != 0 ? 1 : 0;
            }

            return set > 1;
        }
    }

    /// <summary>Total months of the year and month fields.</summary>
    public long TotalMonths => (Years * 12L) + Months;

    /// <summary>
    /// Length in milliseconds counting weeks as 7 days, days as 24 hours and ignoring years and months; the
    /// exact length of periods without year and month fields in UTC.
    /// </summary>
    public long StandardMillis =>
        (Weeks * 7L * CivilTime.MillisPerDay) + (Days * CivilTime.MillisPerDay) + (Hours * CivilTime.MillisPerHour) +
        (Minutes * CivilTime.MillisPerMinute) + (Seconds * CivilTime.MillisPerSecond) + Milliseconds;

    /// <summary>A rough length used to estimate bucket counts: months as 30.436875 days, years as 365.2425.</summary>
    internal long ApproximateMillis => StandardMillis + (long)(TotalMonths * 30.436875 * CivilTime.MillisPerDay);

    /// <summary>Parses an ISO-8601 period.</summary>
    /// <exception cref="FormatException">The text is not a period Druid accepts.</exception>
    public static IsoPeriod Parse(string text)
    {
        if (!TryParse(text, out var period))
        {
            throw new FormatException(
                $"'{text}' is not an ISO-8601 period such as PT1M, PT1H, P1D, P1W, P1M or P1Y");
        }

        return period;
    }

    /// <summary>Parses an ISO-8601 period, returning false for anything else (including the zero period).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoPeriod period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || (text[0] != 'P' && text[0] != 'p'))
        {
            return false;
        }

        Span<int> fields = stackalloc int[8];
        var inTime = false;
        var lastField = -1;
        var i = 1;
        var any = false;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start ||
                !int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var value))
            {
                return false;
            }

            var millis = -1;
            if (i < text.Length && (text[i] == '.' || text[i] == ','))
            {
                i++;
                var fractionStart = i;
                var fraction = 0;
                var digits = 0;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    if (digits < 3)
                    {
                        fraction = (fraction * 10) + (text[i] - '0');
                        digits++;
                    }
                    else if (text[i] != '0')
                    {
                        // Druid's periods stop at milliseconds; a finer fraction cannot be honoured exactly.
                        return false;
                    }

                    i++;
                }

                if (i == fractionStart)
                {
                    return false;
                }

                for (; digits < 3; digits++)
                {
                    fraction *= 10;
                }

                millis = fraction;
            }

            if (i >= text.Length)
            {
                return false;
            }

            var field = char.ToUpperInvariant(text[i]) switch
            {
                'Y' when !inTime => 0,
                'M' when !inTime => 1,
                'W' when !inTime => 2,
                'D' when !inTime => 3,
                'H' when inTime => 4,
                'M' when inTime => 5,
                'S' when inTime => 6,
                _ => -1,
            };
            if (field < 0 || field <= lastField || (millis >= 0 && field != 6))
            {
                return false;
            }

            fields[field] = value;
            if (millis >= 0)
            {
                fields[7] = millis;
            }

            lastField = field;
            any = true;
            i++;
        }

        if (!any)
        {
            return false;
        }

        period = new IsoPeriod(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
        return !period.IsZero;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("P");
        Append(Years, 'Y');
        Append(Months, 'M');
        Append(Weeks, 'W');
        Append(Days, 'D');
        if (Hours != 0 || Minutes != 0 || Seconds != 0 || Milliseconds != 0)
        {
            text.Append('T');
            Append(Hours, 'H');
            Append(Minutes, 'M');
            if (Milliseconds != 0)
            {
                text.Append(Seconds.ToString(CultureInfo.InvariantCulture)).Append('.')
                    .Append(Milliseconds.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0')).Append('S');
            }
            else
            {
                Append(Seconds, 'S');
            }
        }

        return text.Length == 1 ? "PT0S" : text.ToString();

        void Append(int value, char designator)
        {
            if (value != 0)
            {
                text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(designator);
            }
        }
    }
}
