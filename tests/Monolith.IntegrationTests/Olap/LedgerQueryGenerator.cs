using System.Globalization;
using System.Text.RegularExpressions;

namespace Monolith.IntegrationTests.Olap;

/// <summary>A Druid SQL query over a ledger rollup and the MariaDB statement over the ledger that must agree.</summary>
internal sealed record GeneratedQuery(string Druid, string Truth, IReadOnlyList<TruthKind> Kinds, bool Ordered)
{
    public override string ToString() => $"Druid:   {Druid}\nMariaDB: {Truth}";
}

/// <summary>
/// Seeded random queries over one ledger rollup, as dashboards ask them: per group or re-aggregated to a coarser
/// TIME_FLOOR, filtered on <c>__time</c> ranges and on dimensions with =, &lt;&gt;, IN, LIKE, BETWEEN, IS NULL and
/// AND/OR/NOT, with FILTER clauses, HAVING, ORDER BY and LIMIT/OFFSET; and plain scans of the rollup's rows. Each
/// comes with the MariaDB statement over the source rows that asks the same question: a filter on <c>__time</c>
/// selects whole rollup buckets, so MariaDB filters on the rollup's bucket of each row (<c>r_ms</c>).
/// </summary>
internal sealed partial class LedgerQueryGenerator(LedgerRollup rollup, Random random)
{
    private static readonly DateTime s_first = new(2024, 2, 18, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] s_periods = ["PT1M", "PT1H", "P1D", "P1M"];

    private readonly List<string> _druidSelect = [];
    private readonly List<string> _truthSelect = [];
    private readonly List<TruthKind> _kinds = [];

    public GeneratedQuery Next()
    {
        _druidSelect.Clear();
        _truthSelect.Clear();
        _kinds.Clear();
        return random.Next(100) < 15 ? Scan() : Aggregate();
    }

    private GeneratedQuery Scan()
    {
        Add("__time", "r_ms", TruthKind.Bucket);
        foreach (var dimension in rollup.Dimensions.Where(_ => random.Next(3) != 0))
        {
            Add(dimension, dimension, TruthKind.Text);
        }

        foreach (var metric in Pick(LedgerSchema.Metrics, random.Next(1, 5)))
        {
            Add(metric.Name, Answers.TruthExpression(metric.Truth, metric.Kind), metric.Kind);
        }

        var (druidWhere, truthWhere) = random.Next(3) == 0 ? (null, null) : Filter();
        var groups = string.Join(", ", new[] { "r_ms" }.Concat(rollup.Dimensions));
        var druid = $"SELECT {string.Join(", ", _druidSelect)} FROM {rollup.Name}{Where(druidWhere)}";
        var truth = $"SELECT {string.Join(", ", _truthSelect)} FROM {LedgerQueries.Source(rollup, null)}" +
                    $"{Where(truthWhere)} GROUP BY {groups}";
        var ordered = random.Next(3) == 0;
        if (ordered)
        {
            // Every rollup row is one group, so time and all dimensions order the rows totally.
            var limit = random.Next(1, 30);
            druid += $" ORDER BY __time DESC, {string.Join(", ", rollup.Dimensions)} LIMIT {limit}";
            truth += $" ORDER BY r_ms DESC, {string.Join(", ", rollup.Dimensions)} LIMIT {limit}";
        }

        return new GeneratedQuery(druid, truth, [.. _kinds], ordered);
    }

    private GeneratedQuery Aggregate()
    {
        var keys = new List<(string Druid, string Truth)>();
        string? queryPeriod = null;
        switch (random.Next(3))
        {
            case 0:
                break;
            case 1:
                Add("__time", "r_ms", TruthKind.Bucket, "t");
                keys.Add(("t", "t"));
                break;
            default:
                var coarser = s_periods.SkipWhile(p => p != rollup.Period).Skip(1).ToList();
                if (coarser.Count == 0)
                {
                    goto case 1;
                }

                queryPeriod = coarser[random.Next(coarser.Count)];
                Add(TimeFloor(queryPeriod), "q_ms", TruthKind.Bucket, "t");
                keys.Add(("t", "t"));
                break;
        }

        foreach (var dimension in rollup.Dimensions.Where(_ => random.Next(2) == 0))
        {
            Add(dimension, dimension, TruthKind.Text);
            keys.Add((dimension, dimension));
        }

        var aggregates = Aggregates(random.Next(2, 6));
        for (var i = 0; i < aggregates.Count; i++)
        {
            var (druid, truth, kind) = aggregates[i];
            Add(druid, truth, kind, $"a{i}");
        }

        var (druidWhere, truthWhere) = random.Next(10) < 6 ? Filter() : (null, null);
        var druidSql = $"SELECT {string.Join(", ", _druidSelect)} FROM {rollup.Name}{Where(druidWhere)}";
        var truthSql = $"SELECT {string.Join(", ", _truthSelect)} FROM {LedgerQueries.Source(rollup, queryPeriod)}" +
                       Where(truthWhere);
        if (keys.Count > 0)
        {
            druidSql += " GROUP BY " + string.Join(", ", keys.Select((k, i) => random.Next(2) == 0
                ? (i + 1).ToString(CultureInfo.InvariantCulture)
                : k.Druid == "t" ? _druidSelect[0][..^" AS t".Length] : k.Druid));
            truthSql += " GROUP BY " + string.Join(", ", keys.Select(k => k.Truth));
        }

        if (keys.Count > 0 && random.Next(5) == 0)
        {
            var having = random.Next(2) == 0
                ? $"COUNT(*) > {random.Next(0, 4)}"
                : $"SUM(amount) > {random.Next(-1000, 200_000)}";
            druidSql += $" HAVING {having}";
            truthSql += $" HAVING {having}";
        }

        var ordered = keys.Count > 0 && random.Next(10) < 3;
        if (ordered)
        {
            var exact = Enumerable.Range(0, aggregates.Count).Where(i => aggregates[i].Kind == TruthKind.Exact)
                .ToList();
            var order = new List<string>();
            if (exact.Count > 0)
            {
                order.Add($"a{exact[random.Next(exact.Count)]} {(random.Next(2) == 0 ? "DESC" : "ASC")}");
            }

            order.AddRange(keys.Select(k => k.Druid + (random.Next(2) == 0 ? " DESC" : "")));
            var limit = random.Next(1, 12);
            var offset = random.Next(3) == 0 ? $" OFFSET {random.Next(1, 5)}" : "";
            druidSql += $" ORDER BY {string.Join(", ", order)} LIMIT {limit}{offset}";
            truthSql += $" ORDER BY {string.Join(", ", order)} LIMIT {limit}{offset}";
        }

        return new GeneratedQuery(druidSql, truthSql, [.. _kinds], ordered);
    }

    private string TimeFloor(string period)
    {
        if (rollup.Basis == TimeBasis.Berlin)
        {
            return $"TIME_FLOOR(__time, '{period}', NULL, 'Europe/Berlin')";
        }

        var unit = period switch { "PT1H" => "HOUR", "P1D" => "DAY", _ => "MONTH" };
        return random.Next(3) switch
        {
            0 => $"TIME_FLOOR(__time, '{period}')",
            1 => $"FLOOR(__time TO {unit})",
            _ => $"DATE_TRUNC('{unit.ToLowerInvariant()}', __time)",
        };
    }

    private List<(string Druid, string Truth, TruthKind Kind)> Aggregates(int count)
    {
        var candidates = new List<(string, string, TruthKind)>
        {
            ("COUNT(*)", "COUNT(*)", TruthKind.Exact),
            ("SUM(amount) / COUNT(*)", "CONCAT(SUM(amount), '/', COUNT(*))", TruthKind.Average),
            ("MIN(__time)", "MIN(r_ms)", TruthKind.Bucket),
            ("MAX(__time)", "MAX(r_ms)", TruthKind.Bucket),
        };
        candidates.AddRange(LedgerSchema.Metrics.Select(m =>
            (m.Query, Answers.TruthExpression(m.Truth, m.Kind), m.Kind)));
        foreach (var dimension in rollup.Dimensions)
        {
            candidates.Add(($"COUNT(DISTINCT {dimension})", $"COUNT(DISTINCT {dimension})", TruthKind.Exact));
            candidates.Add(($"COUNT({dimension})", $"COUNT({dimension})", TruthKind.Exact));
            candidates.Add(($"MIN({dimension})", $"MIN({dimension})", TruthKind.Text));
            candidates.Add(($"MAX({dimension})", $"MAX({dimension})", TruthKind.Text));
        }

        var picked = Pick(candidates, count);
        for (var i = 0; i < picked.Count; i++)
        {
            var (druid, truth, kind) = picked[i];
            if (rollup.Dimensions.Count == 0 || random.Next(6) != 0 || SimpleAggregate().Match(truth) is not
                    { Success: true } simple)
            {
                continue;
            }

            // FILTER (WHERE ...) on a dimension: MariaDB aggregates a CASE that keeps the rows that pass.
            var (condition, _) = DimensionPredicate();
            var argument = simple.Groups["argument"].Value == "*" ? "1" : simple.Groups["argument"].Value;
            picked[i] = ($"{druid} FILTER (WHERE {condition})",
                $"{simple.Groups["function"].Value}({simple.Groups["distinct"].Value}" +
                $"CASE WHEN {condition} THEN {argument} END)", kind);
        }

        return picked;
    }

    [GeneratedRegex(@"^(?<function>COUNT|SUM|MIN|MAX)\((?<distinct>DISTINCT )?(?<argument>\w+|\*)\)$")]
    private static partial Regex SimpleAggregate();

    private (string Druid, string Truth) Filter()
    {
        var parts = new List<(string Druid, string Truth)>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            if (rollup.Dimensions.Count == 0 || random.Next(3) == 0)
            {
                parts.Add(TimePredicate());
            }
            else
            {
                var (condition, _) = DimensionPredicate();
                parts.Add((condition, condition));
            }
        }

        var joiner = random.Next(3) == 0 ? " OR " : " AND ";
        var druid = string.Join(joiner, parts.Select(p => $"({p.Druid})"));
        var truth = string.Join(joiner, parts.Select(p => $"({p.Truth})"));
        if (random.Next(8) == 0)
        {
            druid = $"NOT ({druid})";
            truth = $"NOT ({truth})";
        }

        return (druid, truth);
    }

    private (string Druid, string Truth) TimePredicate()
    {
        var a = RandomInstant();
        var b = RandomInstant();
        if (b < a)
        {
            (a, b) = (b, a);
        }

        var (la, ma) = (Literal(a), Millis(a));
        var (lb, mb) = (Literal(b), Millis(b));
        return random.Next(5) switch
        {
            0 => ($"__time >= {la}", $"r_ms >= {ma}"),
            1 => ($"__time < {lb}", $"r_ms < {mb}"),
            2 => ($"__time BETWEEN {la} AND {lb}", $"r_ms BETWEEN {ma} AND {mb}"),
            3 => ($"__time > {la} AND __time <= {lb}", $"r_ms > {ma} AND r_ms <= {mb}"),
            _ => ($"__time >= {la} AND __time < {lb}", $"r_ms >= {ma} AND r_ms < {mb}"),
        };
    }

    /// <summary>An instant in or near the workload's range, often on a bucket boundary, sometimes not.</summary>
    private DateTime RandomInstant()
    {
        var instant = s_first.AddSeconds(random.Next(0, 55 * 86_400));
        return random.Next(4) switch
        {
            0 => instant.Date,
            1 => new DateTime(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            2 => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerHour)),
            _ => instant,
        };
    }

    private static string Literal(DateTime instant) =>
        $"TIMESTAMP '{instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'";

    private static long Millis(DateTime instant) => new DateTimeOffset(instant).ToUnixTimeMilliseconds();

    private (string Condition, string Dimension) DimensionPredicate()
    {
        var dimension = rollup.Dimensions[random.Next(rollup.Dimensions.Count)];
        var values = dimension == "region" ? LedgerSchema.Regions : LedgerSchema.Channels;
        string Value() => $"'{values[random.Next(values.Length)]}'";
        var condition = random.Next(10) switch
        {
            0 => $"{dimension} = {Value()}",
            1 => $"{dimension} <> {Value()}",
            2 => $"{dimension} IN ({Value()}, {Value()})",
            3 => $"{dimension} NOT IN ({Value()}, {Value()})",
            4 => $"{dimension} LIKE '{values[random.Next(values.Length)][..2]}%'",
            5 => $"{dimension} LIKE '%{values[random.Next(values.Length)][^1..]}'",
            6 => $"{dimension} IS NULL",
            7 => $"{dimension} IS NOT NULL",
            8 => $"{dimension} BETWEEN 'b' AND 'p'",
            _ => $"NOT ({dimension} = {Value()})",
        };
        return (condition, dimension);
    }

    private void Add(string druid, string truth, TruthKind kind, string? alias = null)
    {
        _druidSelect.Add(alias is null ? druid : $"{druid} AS {alias}");
        _truthSelect.Add(alias is null ? truth : $"{truth} AS {alias}");
        _kinds.Add(kind);
    }

    private List<T> Pick<T>(IReadOnlyList<T> items, int count) =>
        [.. items.OrderBy(_ => random.Next()).Take(Math.Min(count, items.Count))];

    private static string Where(string? condition) => condition is null ? "" : $" WHERE {condition}";
}
