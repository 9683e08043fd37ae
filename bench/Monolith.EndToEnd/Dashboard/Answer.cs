using System.Globalization;
using System.Numerics;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>
/// A query's rows in a form the three engines can be compared in exactly: integers and decimals as exact
/// decimal text without trailing zeros (a DECIMAL sum is compared digit for digit), timestamps as UTC wall
/// clock text, everything else as invariant text.
/// </summary>
internal sealed class Answer
{
    private Answer(List<string> rows) => Rows = rows;

    public List<string> Rows { get; }

    public static Answer From(IEnumerable<object?[]> rows, bool ordered)
    {
        var text = rows.Select(row => string.Join(" | ", row.Select(Canonical))).ToList();
        if (!ordered)
        {
            text.Sort(StringComparer.Ordinal);
        }

        return new Answer(text);
    }

    /// <summary>A description of the first difference, or null when the answers are equal.</summary>
    public string? Difference(Answer other)
    {
        if (Rows.Count != other.Rows.Count)
        {
            return $"{Rows.Count} rows against {other.Rows.Count}";
        }

        for (var i = 0; i < Rows.Count; i++)
        {
            if (!string.Equals(Rows[i], other.Rows[i], StringComparison.Ordinal))
            {
                return $"row {i + 1}: [{Rows[i]}] against [{other.Rows[i]}]";
            }
        }

        return null;
    }

    public override string ToString() => string.Join("; ", Rows);

    private static string Canonical(object? value) => value switch
    {
        null or DBNull => "NULL",
        decimal d => Decimal(d),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        Int128 i => i.ToString(CultureInfo.InvariantCulture),
        UInt128 u => u.ToString(CultureInfo.InvariantCulture),
        DateTime t => Time(t),
        DateTimeOffset t => Time(t.UtcDateTime),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Decimal(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static string Time(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
}
