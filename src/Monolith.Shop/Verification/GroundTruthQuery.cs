using System.Text.RegularExpressions;

namespace Monolith.Shop.Verification;

/// <summary>
/// A single-table rollup to compute straight from the source table: bucket the time column by
/// <see cref="Granularity"/>, group by the dimensions, aggregate, optionally filter.
/// </summary>
/// <param name="Table">The source table, optionally qualified by its database (<c>shop.orders</c>).</param>
/// <param name="TimeColumn">A DATETIME, TIMESTAMP or DATE column.</param>
/// <param name="Granularity">
/// An ISO-8601 period: <c>PT1M</c>, <c>PT1H</c>, <c>P1D</c>, <c>P1W</c>, <c>P1M</c>, ...
/// </param>
/// <param name="Dimensions">Plain columns to group by.</param>
/// <param name="Aggregates">The aggregates, in output order.</param>
/// <param name="Where">A filter in SQL over the table's columns, or null.</param>
public sealed partial record GroundTruthQuery(
    string Table, string TimeColumn, string Granularity, IReadOnlyList<string> Dimensions,
    IReadOnlyList<GroundTruthAggregate> Aggregates, string? Where = null)
{
    /// <summary>
    /// Reads a rollup written in the subset rollups use: <c>SELECT TIME_FLOOR(col, 'PERIOD') AS __time, dims..,
    /// COUNT(*) | SUM(col) | MIN(col) | MAX(col) | COUNT(DISTINCT col) [AS name].. FROM [db.]table [WHERE ..]
    /// GROUP BY ..</c>.
    /// </summary>
    /// <param name="sql">The rollup's SQL.</param>
    /// <param name="database">When given, replaces the database the rollup names (tests use their own).</param>
    /// <exception cref="FormatException">The statement is outside the subset; the message says where.</exception>
    public static GroundTruthQuery FromRollupSql(string sql, string? database = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statement = RollupStatement().Match(sql);
        if (!statement.Success)
        {
            throw new FormatException(
                $"Rollup '{sql}': expected SELECT ... FROM table [WHERE ...] GROUP BY ...");
        }

        var table = statement.Groups["table"].Value.Replace("`", "", StringComparison.Ordinal);
        if (database is not null)
        {
            table = database + "." + table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }

        var items = SplitTopLevel(statement.Groups["select"].Value);
        var time = TimeFloor().Match(items[0]);
        if (!time.Success)
        {
            throw new FormatException(
                $"Rollup '{sql}': the first selected item must be TIME_FLOOR(column, 'PERIOD') AS __time, " +
                $"found '{items[0]}'.");
        }

        var dimensions = new List<string>();
        var aggregates = new List<GroundTruthAggregate>();
        for (var i = 1; i < items.Count; i++)
        {
            var item = SelectItem().Match(items[i]);
            if (!item.Success)
            {
                throw new FormatException(
                    $"Rollup '{sql}': selected item {i + 1} ('{items[i]}') is neither a column nor " +
                    "COUNT(*), SUM, MIN, MAX or COUNT(DISTINCT ...).");
            }

            var column = item.Groups["column"].Value;
            var alias = item.Groups["alias"].Success ? item.Groups["alias"].Value : null;
            if (!item.Groups["function"].Success)
            {
                dimensions.Add(column);
                continue;
            }

            var function = item.Groups["function"].Value.ToUpperInvariant() switch
            {
                "COUNT" when item.Groups["star"].Success => AggregateFunction.Count,
                "COUNT" when item.Groups["distinct"].Success => AggregateFunction.CountDistinct,
                "SUM" => AggregateFunction.Sum,
                "MIN" => AggregateFunction.Min,
                "MAX" => AggregateFunction.Max,
                _ => throw new FormatException(
                    $"Rollup '{sql}': selected item {i + 1} ('{items[i]}') is not a supported aggregate."),
            };
            aggregates.Add(new GroundTruthAggregate(alias ?? items[i].Trim(), function,
                function == AggregateFunction.Count ? null : column));
        }

        var where = statement.Groups["where"].Success ? statement.Groups["where"].Value.Trim() : null;
        return new GroundTruthQuery(table, time.Groups["column"].Value, time.Groups["period"].Value, dimensions,
            aggregates, where);
    }

    private static List<string> SplitTopLevel(string list)
    {
        var items = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    items.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        items.Add(list[start..].Trim());
        return items;
    }

    [GeneratedRegex(
        @"^\s*SELECT\s+(?<select>.+?)\s+FROM\s+(?<table>[`\w.$]+)" +
        @"(?:\s+WHERE\s+(?<where>.+?))?\s+GROUP\s+BY\s+.+?\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RollupStatement();

    [GeneratedRegex(
        @"^TIME_FLOOR\s*\(\s*(?<column>[`\w.$]+)\s*,\s*'(?<period>[A-Za-z0-9]+)'\s*\)\s+AS\s+__time$",
        RegexOptions.IgnoreCase)]
    private static partial Regex TimeFloor();

    [GeneratedRegex(
        @"^(?:(?<function>COUNT|SUM|MIN|MAX)\s*\(\s*(?:(?<star>\*)|(?<distinct>DISTINCT\s+)?(?<column>[`\w.$]+))\s*\)" +
        @"|(?<column>[`\w.$]+))(?:\s+AS\s+(?<alias>\w+))?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex SelectItem();
}
