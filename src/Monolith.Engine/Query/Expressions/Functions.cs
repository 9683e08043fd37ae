using System.Globalization;
using System.Numerics;
using System.Text;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Expressions;

/// <summary>Bodies of the scalar functions: NULL in, NULL out unless a function says otherwise.</summary>
internal static class Functions
{
    public static QueryValue Concat(QueryValue[] args)
    {
        var text = new StringBuilder();
        foreach (var arg in args)
        {
            if (arg.IsNull)
            {
                return QueryValue.Null;
            }

            text.Append(AsText(arg));
        }

        return QueryValue.FromString(text.ToString());
    }

    /// <summary>Text of a value as CAST(x AS VARCHAR) writes it.</summary>
    public static string AsText(QueryValue value) => value.Kind switch
    {
        ValueKind.String => value.String,
        ValueKind.Timestamp => DruidTime.FormatSqlTimestamp(value.Long),
        _ => value.ToString(),
    };

    public static QueryValue Upper(QueryValue[] a) => Text(a[0], s => s.ToUpperInvariant());

    public static QueryValue Lower(QueryValue[] a) => Text(a[0], s => s.ToLowerInvariant());

    public static QueryValue Trim(QueryValue[] a) => Text(a[0], s => s.Trim(' '));

    public static QueryValue LeftTrim(QueryValue[] a) => Text(a[0], s => s.TrimStart(' '));

    public static QueryValue RightTrim(QueryValue[] a) => Text(a[0], s => s.TrimEnd(' '));

    public static QueryValue Reverse(QueryValue[] a) => Text(a[0], s => new string(s.Reverse().ToArray()));

    private static QueryValue Text(QueryValue value, Func<string, string> change) =>
        value.IsNull ? value : QueryValue.FromString(change(AsText(value)));

    public static QueryValue Length(QueryValue[] a) =>
        a[0].IsNull ? a[0] : QueryValue.FromLong(AsText(a[0]).Length);

    public static QueryValue Substring(QueryValue[] a)
    {
        if (a.Any(v => v.IsNull))
        {
            return QueryValue.Null;
        }

        var text = AsText(a[0]);
        var start = (int)Math.Clamp(a[1].ToDouble(), int.MinValue, int.MaxValue);
        var from = Math.Max(start, 1) - 1;
        var end = a.Length > 2 ? (long)start - 1 + (long)a[2].ToDouble() : text.Length;
        if (from >= text.Length || end <= from)
        {
            return QueryValue.FromString(string.Empty);
        }

        return QueryValue.FromString(text[from..(int)Math.Min(end, text.Length)]);
    }

    public static QueryValue Left(QueryValue[] a) =>
        a[0].IsNull || a[1].IsNull ? QueryValue.Null
        : QueryValue.FromString(new string(AsText(a[0]).Take(Math.Max(0, (int)a[1].ToDouble())).ToArray()));

    public static QueryValue Right(QueryValue[] a)
    {
        if (a[0].IsNull || a[1].IsNull)
        {
            return QueryValue.Null;
        }

        var text = AsText(a[0]);
        var count = Math.Clamp((int)a[1].ToDouble(), 0, text.Length);
        return QueryValue.FromString(text[^count..]);
    }

    public static QueryValue Replace(QueryValue[] a) =>
        a.Any(v => v.IsNull) ? QueryValue.Null
        : AsText(a[1]).Length == 0 ? QueryValue.FromString(AsText(a[0]))
        : QueryValue.FromString(AsText(a[0]).Replace(AsText(a[1]), AsText(a[2]), StringComparison.Ordinal));

    public static QueryValue Position(QueryValue[] a) =>
        a[0].IsNull || a[1].IsNull ? QueryValue.Null
        : QueryValue.FromLong(AsText(a[0]).IndexOf(AsText(a[1]), StringComparison.Ordinal) + 1);

    public static QueryValue Abs(QueryValue[] a) =>
        a[0].IsNull ? a[0] : QueryValues.Compare(a[0], QueryValue.FromLong(0)) < 0 ? QueryValues.Negate(a[0]) : a[0];

    public static QueryValue Sqrt(QueryValue[] a) => Math1(a[0], Math.Sqrt);

    public static QueryValue Ln(QueryValue[] a) => Math1(a[0], Math.Log);

    public static QueryValue Log10(QueryValue[] a) => Math1(a[0], Math.Log10);

    public static QueryValue Exp(QueryValue[] a) => Math1(a[0], Math.Exp);

    public static QueryValue Power(QueryValue[] a) =>
        a[0].IsNull || a[1].IsNull ? QueryValue.Null : QueryValue.FromDouble(Math.Pow(a[0].ToDouble(),
            a[1].ToDouble()));

    private static QueryValue Math1(QueryValue value, Func<double, double> f) =>
        value.IsNull ? value : QueryValue.FromDouble(f(value.ToDouble()));

    /// <summary>FLOOR or CEIL of a number: integers unchanged, decimals to scale 0, doubles as doubles.</summary>
    public static QueryValue Round(QueryValue value, MidpointRounding mode, int digits)
    {
        switch (value.Kind)
        {
            case ValueKind.Unknown:
            case ValueKind.Long:
            case ValueKind.UnsignedLong:
                return value;
            case ValueKind.Double:
                var factor = Math.Pow(10, digits);
                return QueryValue.FromDouble(Math.Round(value.Double * factor, mode) / factor);
            case ValueKind.Decimal:
                if (digits >= value.Scale)
                {
                    return value;
                }

                var divisor = QueryValues.PowerOfTen(value.Scale - digits);
                var unscaled = value.BigUnscaled;
                var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
                if (!remainder.IsZero)
                {
                    var twice = BigInteger.Abs(remainder) * 2;
                    quotient += mode switch
                    {
                        MidpointRounding.ToNegativeInfinity => unscaled.Sign < 0 ? -1 : 0,
                        MidpointRounding.ToPositiveInfinity => unscaled.Sign > 0 ? 1 : 0,
                        MidpointRounding.ToZero => 0,
                        _ => twice >= divisor ? unscaled.Sign : 0,
                    };
                }

                return QueryValue.FromDecimal(quotient, Math.Max(0, digits));
            default:
                throw new QueryException(QueryErrorCode.InvalidInput, $"cannot round {value.Kind}");
        }
    }

    public static QueryValue Coalesce(QueryValue[] a)
    {
        foreach (var value in a)
        {
            if (!value.IsNull)
            {
                return value;
            }
        }

        return QueryValue.Null;
    }

    public static QueryValue NullIf(QueryValue[] a) =>
        !a[0].IsNull && !a[1].IsNull && QueryValues.Compare(a[0], a[1]) == 0 ? QueryValue.Null : a[0];

    public static QueryValue Greatest(QueryValue[] a) => Extreme(a, 1);

    public static QueryValue Least(QueryValue[] a) => Extreme(a, -1);

    private static QueryValue Extreme(QueryValue[] a, int sign)
    {
        var best = QueryValue.Null;
        foreach (var value in a)
        {
            if (!value.IsNull && (best.IsNull || QueryValues.Compare(value, best) * sign > 0))
            {
                best = value;
            }
        }

        return best;
    }

    /// <summary>The value of EXTRACT(unit) for an instant, on the wall clock of <paramref
    /// name="offsetMillis"/>.</summary>
    public static long Extract(SqlTimeUnit unit, long instant, long offsetMillis)
    {
        var local = instant + offsetMillis;
        var days = CivilTime.FloorDiv(local, CivilTime.MillisPerDay);
        var timeOfDay = local - (days * CivilTime.MillisPerDay);
        var (year, month, day) = CivilTime.CivilFromDays(days);
        return unit switch
        {
            SqlTimeUnit.Millisecond => timeOfDay % 1000,
            SqlTimeUnit.Second => timeOfDay / 1000 % 60,
            SqlTimeUnit.Minute => timeOfDay / CivilTime.MillisPerMinute % 60,
            SqlTimeUnit.Hour => timeOfDay / CivilTime.MillisPerHour,
            SqlTimeUnit.Day => day,
            SqlTimeUnit.DayOfWeek => CivilTime.IsoDayOfWeek(days),
            SqlTimeUnit.DayOfYear => days - CivilTime.DaysFromCivil(year, 1, 1) + 1,
            SqlTimeUnit.Week => IsoWeek(days),
            SqlTimeUnit.Month => month,
            SqlTimeUnit.Quarter => ((month - 1) / 3) + 1,
            SqlTimeUnit.Year => year,
            _ => CivilTime.FloorDiv(instant, 1000),
        };
    }

    private static long IsoWeek(long days)
    {
        // The ISO week of a day is the week of its Thursday, counted from the year's first Thursday.
        var thursday = days - CivilTime.IsoDayOfWeek(days) + 4;
        var (year, _, _) = CivilTime.CivilFromDays(thursday);
        return ((thursday - CivilTime.DaysFromCivil(year, 1, 1)) / 7) + 1;
    }

    /// <summary>
    /// Copies the quoted text starting at <paramref name="start"/> as Joda reads it: <c>''</c> is one quote, inside
    /// or outside quoted text, and text whose closing quote is missing runs to the end of the pattern (Druid's
    /// clients write <c>yyyy-MM-dd'T'HH:mm:ss'Z</c>). Returns the characters consumed.
    /// </summary>
    private static int QuotedText(string pattern, int start, StringBuilder text)
    {
        if (start + 1 < pattern.Length && pattern[start + 1] == '\'')
        {
            text.Append('\'');
            return 2;
        }

        var i = start + 1;
        while (i < pattern.Length)
        {
            if (pattern[i] != '\'')
            {
                text.Append(pattern[i++]);
            }
            else if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
            {
                text.Append('\'');
                i += 2;
            }
            else
            {
                return i + 1 - start;
            }
        }

        return i - start;
    }

    /// <summary>TIME_FORMAT with a Joda-style pattern (yyyy, MM, dd, HH, mm, ss, SSS, quoted text, and Z).</summary>
    public static string FormatTime(long instant, string? pattern, long offsetMillis)
    {
        if (pattern is null)
        {
            return offsetMillis == 0 ? DruidTime.FormatIso(instant) : DruidTime.FormatIso(instant
                + offsetMillis)[..^1] + Offset(offsetMillis);
        }

        var local = instant + offsetMillis;
        var days = CivilTime.FloorDiv(local, CivilTime.MillisPerDay);
        var timeOfDay = local - (days * CivilTime.MillisPerDay);
        var (year, month, day) = CivilTime.CivilFromDays(days);
        var text = new StringBuilder();
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            switch (c)
            {
                case 'y' or 'Y':
                    text.Append(run == 2 ? (year % 100).ToString("00", CultureInfo.InvariantCulture)
                        : year.ToString(new string('0', Math.Max(run, 4)), CultureInfo.InvariantCulture));
                    break;
                case 'M':
                    text.Append(month.ToString(new string('0', run), CultureInfo.InvariantCulture));
                    break;
                case 'd':
                    text.Append(day.ToString(new string('0', run), CultureInfo.InvariantCulture));
                    break;
                case 'H':
                    text.Append((timeOfDay / CivilTime.MillisPerHour).ToString(new string('0', run),
                        CultureInfo.InvariantCulture));
                    break;
                case 'm':
                    text.Append((timeOfDay / CivilTime.MillisPerMinute % 60).ToString(new string('0', run),
                        CultureInfo.InvariantCulture));
                    break;
                case 's':
                    text.Append((timeOfDay / 1000 % 60).ToString(new string('0', run), CultureInfo.InvariantCulture));
                    break;
                case 'S':
                    text.Append((timeOfDay % 1000).ToString("000", CultureInfo.InvariantCulture)[..Math.Min(run, 3)]);
                    break;
                case 'Z':
                    text.Append(offsetMillis == 0 && run == 1 ? "Z" : Offset(offsetMillis));
                    break;
                case '\'':
                    run = QuotedText(pattern, i, text);
                    break;
                default:
                    if (char.IsAsciiLetter(c))
                    {
                        throw new QueryException(QueryErrorCode.InvalidInput,
                            $"TIME_FORMAT pattern letter '{c}' is not supported (use y, M, d, H, m, s, S, Z)");
                    }

                    text.Append(c, run);
                    break;
            }

            i += run;
        }

        return text.ToString();
    }

    private static string Offset(long millis)
    {
        var sign = millis < 0 ? '-' : '+';
        var minutes = Math.Abs(millis) / CivilTime.MillisPerMinute;
        return $"{sign}{minutes / 60:00}:{minutes % 60:00}";
    }

    /// <summary>CAST(value AS target).</summary>
    public static QueryValue Cast(QueryValue value, ColumnType target)
    {
        if (value.IsNull)
        {
            return value;
        }

        try
        {
            return target.Kind switch
            {
                ValueKind.String => QueryValue.FromString(AsText(value)),
                ValueKind.Long => ToLong(value),
                ValueKind.Double => value.Kind == ValueKind.String
                    ? QueryValue.FromDouble(double.Parse(value.String, NumberStyles.Float,
                    CultureInfo.InvariantCulture))
                    : QueryValue.FromDouble(value.ToDouble()),
                ValueKind.Decimal => ToDecimal(value, target.Scale),
                ValueKind.Timestamp => value.Kind switch
                {
                    ValueKind.Timestamp => value,
                    ValueKind.String => DruidTime.TryParseSqlTimestamp(value.String, out var t)
                        || DruidTime.TryParseIso(value.String, out t)
                        ? QueryValue.FromTimestamp(t)
                        : QueryValue.Null,
                    _ => QueryValue.FromTimestamp(ToLong(value).Long),
                },
                ValueKind.Boolean => value.Kind == ValueKind.String
                    ? bool.TryParse(value.String, out var b) ? QueryValue.FromBoolean(b) : QueryValue.Null
                    : QueryValue.FromBoolean(value.ToDouble() != 0),
                _ => value,
            };
        }
        catch (FormatException)
        {
            return QueryValue.Null;
        }
        catch (OverflowException)
        {
            return QueryValue.Null;
        }
    }

    private static QueryValue ToLong(QueryValue value) => value.Kind switch
    {
        ValueKind.Long or ValueKind.Timestamp => QueryValue.FromLong(value.Long),
        ValueKind.UnsignedLong => QueryValue.FromUnsignedLong(value.UnsignedLong),
        ValueKind.Boolean => QueryValue.FromLong(value.Boolean ? 1 : 0),
        ValueKind.Double => QueryValue.FromLong(checked((long)Math.Truncate(value.Double))),
        ValueKind.Decimal => QueryValue.FromInteger((Int128)(value.BigUnscaled / QueryValues.PowerOfTen(value.Scale))),
        ValueKind.String => long.TryParse(value.String.Trim(), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var l)
            ? QueryValue.FromLong(l)
            : double.TryParse(value.String, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? QueryValue.FromLong(checked((long)Math.Truncate(d)))
                : QueryValue.Null,
        _ => QueryValue.Null,
    };

    private static QueryValue ToDecimal(QueryValue value, int scale)
    {
        switch (value.Kind)
        {
            case ValueKind.Double:
                return QueryValue.FromDecimal(new BigInteger(Math.Round(value.Double * Math.Pow(10, scale))), scale);
            case ValueKind.String:
                var parsed = decimal.Parse(value.String, NumberStyles.Float, CultureInfo.InvariantCulture);
                return ToDecimal(QueryValue.FromDecimal(new BigInteger(parsed * (decimal)Math.Pow(10, Math.Min(scale,
                    20))), Math.Min(scale, 20)), scale);
            default:
                var exact = value.Kind == ValueKind.Decimal ? value
                    : QueryValue.FromDecimal(QueryValues.ExactUnscaled(value, 0), 0);
                if (exact.Scale <= scale)
                {
                    return QueryValue.FromDecimal(QueryValues.ExactUnscaled(exact, scale), scale);
                }

                return Round(exact, MidpointRounding.AwayFromZero, scale);
        }
    }
}
