using System.Globalization;
using System.Numerics;
using System.Text;
using Monolith.Engine.Query.Results;
using MySqlConnector;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// Rows from MariaDB and from Monolith in one comparable form, and the comparison itself: exact for exact
/// aggregates (decimals as decimal values, integers past 64 bits as big integers), within the stated error for
/// sketches and averages.
/// </summary>
internal static class Answers
{
    /// <summary>The MariaDB expression that yields what a check of <paramref name="kind"/> compares.</summary>
    public static string TruthExpression(string aggregate, TruthKind kind) => kind switch
    {
        TruthKind.WallClock => $"TIMESTAMPDIFF(MICROSECOND, '1970-01-01', {aggregate}) DIV 1000",
        TruthKind.Instant => $"CAST(FLOOR(UNIX_TIMESTAMP({aggregate}) * 1000) AS SIGNED)",
        _ => aggregate,
    };

    /// <summary>
    /// The start of a time bucket in epoch milliseconds, in a session whose time zone is Europe/Berlin: a wall clock
    /// is bucketed as written (as if it were UTC), a TIMESTAMP on Berlin's wall clock.
    /// </summary>
    public static string BucketExpression(string column, TimeBasis basis, string period)
    {
        var format = period switch
        {
            "PT1M" => "%Y-%m-%d %H:%i:00",
            "PT1H" => "%Y-%m-%d %H:00:00",
            "P1D" => "%Y-%m-%d",
            "P1M" => "%Y-%m-01",
            _ => throw new ArgumentException($"no bucket format for {period}", nameof(period)),
        };
        return basis == TimeBasis.WallClock
            ? $"TIMESTAMPDIFF(SECOND, '1970-01-01', DATE_FORMAT({column}, '{format}')) * 1000"
            : $"CAST(UNIX_TIMESTAMP(DATE_FORMAT({column}, '{format}')) AS SIGNED) * 1000";
    }

    /// <summary>Runs a statement in a session whose time zone is Europe/Berlin.</summary>
    public static async Task<List<object?[]>> MariaDbAsync(OlapFixture olap, string database, string sql)
    {
        await using var connection = await olap.OpenBerlinAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A Monolith result as rows of .NET values, timestamps as epoch milliseconds.</summary>
    public static List<object?[]> Of(QueryResult result) => result.ToArrays()
        .Select(row => row.Select(v => v is DateTimeOffset t ? t.ToUnixTimeMilliseconds() : v).ToArray())
        .ToList();

    /// <summary>
    /// Asserts the rows agree, column by column as <paramref name="kinds"/> says. Unordered results are compared
    /// after sorting both sides by their key columns (Text and Bucket).
    /// </summary>
    public static void AssertSame(string context, IReadOnlyList<object?[]> expected, IReadOnlyList<object?[]> actual,
        IReadOnlyList<TruthKind> kinds, bool ordered)
    {
        if (!ordered)
        {
            expected = Sorted(expected, kinds);
            actual = Sorted(actual, kinds);
        }

        if (expected.Count != actual.Count)
        {
            Assert.Fail($"{context}\nMariaDB has {expected.Count} rows, Monolith {actual.Count}." +
                        $"\nMariaDB:\n{Show(expected, 12)}\nMonolith:\n{Show(actual, 12)}");
        }

        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < kinds.Count; c++)
            {
                if (Agrees(expected[r][c], actual[r][c], kinds[c]) is { } problem)
                {
                    Assert.Fail($"{context}\nrow {r}, column {c} ({kinds[c]}): {problem}" +
                                $"\nMariaDB row:  {Show([expected[r]], 1)}\nMonolith row: {Show([actual[r]], 1)}");
                }
            }
        }
    }

    /// <summary>
    /// Asserts a top-k answer: <paramref name="all"/> is MariaDB's whole answer in the query's order; Monolith's
    /// rows must be as many as the limit allows, carry the same sort keys in the same order, and each be one of
    /// MariaDB's rows. Rows that tie on the sort key may come in either order, as in any SQL engine.
    /// </summary>
    public static void AssertTop(string context, IReadOnlyList<object?[]> all, IReadOnlyList<object?[]> actual,
        IReadOnlyList<TruthKind> kinds, int sortColumn, int? limit)
    {
        var count = Math.Min(limit ?? int.MaxValue, all.Count);
        if (actual.Count != count)
        {
            Assert.Fail($"{context}\nexpected {count} rows (of MariaDB's {all.Count}), Monolith has {actual.Count}." +
                        $"\nMariaDB:\n{Show(all, 12)}\nMonolith:\n{Show(actual, 12)}");
        }

        for (var r = 0; r < count; r++)
        {
            if (Agrees(all[r][sortColumn], actual[r][sortColumn], kinds[sortColumn]) is { } problem)
            {
                Assert.Fail($"{context}\nrow {r}: the sort key differs: {problem}" +
                            $"\nMariaDB:\n{Show(all, 12)}\nMonolith:\n{Show(actual, 12)}");
            }

            var row = actual[r];
            if (!all.Any(e => Enumerable.Range(0, kinds.Count).All(c => Agrees(e[c], row[c], kinds[c]) is null)))
            {
                Assert.Fail($"{context}\nMonolith's row {r} is none of MariaDB's: {Show([row], 1)}" +
                            $"\nMariaDB:\n{Show(all, 12)}");
            }
        }
    }

    private static List<object?[]> Sorted(IReadOnlyList<object?[]> rows, IReadOnlyList<TruthKind> kinds)
    {
        var keys = Enumerable.Range(0, kinds.Count)
            .Where(c => kinds[c] is TruthKind.Text or TruthKind.Bucket).ToList();
        return [.. rows.OrderBy(r => string.Join("\u0001", keys.Select(k => KeyText(r[k]))), StringComparer.Ordinal)];
    }

    /// <summary>Null when the values agree, else what differs.</summary>
    private static string? Agrees(object? expected, object? actual, TruthKind kind)
    {
        switch (kind)
        {
            case TruthKind.Average:
                return Average(expected, actual);
            case TruthKind.Median:
                return Quantile(expected, actual, 0.5);
            case TruthKind.Quantile90:
                return Quantile(expected, actual, 0.9);
            case TruthKind.Text:
                return KeyText(expected) == KeyText(actual)
                    ? null
                    : $"MariaDB {Canonical(expected)}, Monolith {Canonical(actual)}";
            default:
                var e = Canonical(expected);
                var a = Canonical(actual);
                return e == a ? null : $"MariaDB {e}, Monolith {a}";
        }
    }

    private static string? Average(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null
                ? null
                : $"MariaDB {Canonical(expected)}, Monolith {Canonical(actual)}";
        }

        var parts = ((string)expected).Split('/');
        var exact = decimal.Parse(parts[0], CultureInfo.InvariantCulture) /
                    decimal.Parse(parts[1], CultureInfo.InvariantCulture);
        var value = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        var error = Math.Abs(value - (double)exact);
        return error <= 1e-12 * Math.Max(1, Math.Abs((double)exact))
            ? null
            : $"average {exact} (from {expected}), Monolith {value}";
    }

    /// <summary>
    /// The sketch guarantees a value within 1% of some value whose rank is the requested one; ranks one either side
    /// are allowed for the choice between neighbouring order statistics.
    /// </summary>
    private static string? Quantile(object? expected, object? actual, double probability)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null
                ? null
                : $"MariaDB {Canonical(expected)}, Monolith {Canonical(actual)}";
        }

        var values = ((string)expected).Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();
        var value = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        var rank = probability * (values.Length - 1);
        var low = Math.Max(0, (int)Math.Floor(rank) - 1);
        var high = Math.Min(values.Length - 1, (int)Math.Ceiling(rank) + 1);
        for (var i = low; i <= high; i++)
        {
            if (Math.Abs(value - values[i]) <= (0.01 * Math.Abs(values[i])) + 1e-9)
            {
                return null;
            }
        }

        return $"quantile {probability} of {values.Length} values: Monolith {value}, values at ranks {low}..{high} " +
               $"are {string.Join(", ", values[low..(high + 1)])}";
    }

    /// <summary>
    /// One text per value: integers of any width as integers, decimals without trailing zeros, doubles
    /// round-trippable, text as is, NULL as NULL.
    /// </summary>
    public static string Canonical(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s + "'",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => Normalise(m.ToString(CultureInfo.InvariantCulture)),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        IFormattable f => Normalise(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => value.ToString() ?? "",
    };

    /// <summary>A dimension value as text whatever its type (MariaDB
    /// may give a number where Monolith gives text).</summary>
    private static string KeyText(object? value) => value is null ? "\u0000NULL" : Canonical(value).Trim('\'');

    private static string Normalise(string number)
    {
        if (!number.Contains('.', StringComparison.Ordinal))
        {
            return number;
        }

        number = number.TrimEnd('0').TrimEnd('.');
        return number is "-0" ? "0" : number;
    }

    private static string Show(IReadOnlyList<object?[]> rows, int limit)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(limit))
        {
            text.Append("  ").AppendJoin(" | ", row.Select(Canonical)).Append('\n');
        }

        if (rows.Count > limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ... {rows.Count - limit} more\n");
        }

        return text.ToString();
    }
}
