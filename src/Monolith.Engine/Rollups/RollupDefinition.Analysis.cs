using System.Globalization;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups;

public sealed partial class RollupDefinition
{
    private static readonly Dictionary<string, AggregatorKind> s_aggregates = new(StringComparer.Ordinal)
    {
        ["COUNT"] = AggregatorKind.Count,
        ["SUM"] = AggregatorKind.Sum,
        ["MIN"] = AggregatorKind.Min,
        ["MAX"] = AggregatorKind.Max,
        ["AVG"] = AggregatorKind.Avg,
        ["APPROX_COUNT_DISTINCT"] = AggregatorKind.ApproxCountDistinct,
        ["APPROX_COUNT_DISTINCT_DS_HLL"] = AggregatorKind.ApproxCountDistinct,
        ["APPROX_COUNT_DISTINCT_DS_THETA"] = AggregatorKind.ApproxCountDistinct,
        ["DS_HLL"] = AggregatorKind.ApproxCountDistinct,
        ["APPROX_QUANTILE"] = AggregatorKind.ApproxQuantile,
        ["APPROX_QUANTILE_DS"] = AggregatorKind.ApproxQuantile,
        ["DS_QUANTILES_SKETCH"] = AggregatorKind.ApproxQuantile,
    };

    /// <summary>True when <paramref name="name"/> (upper case) is an aggregate function of the dialect.</summary>
    internal static bool IsAggregateFunction(string name) =>
        s_aggregates.ContainsKey(name) || name is "EARLIEST" or "LATEST" or "ANY_VALUE" or "STDDEV" or "VARIANCE"
            or "ARRAY_AGG" or "STRING_AGG" or "LISTAGG" or "BIT_AND" or "BIT_OR" or "BIT_XOR";

    /// <summary>Parses and analyses a rollup definition.</summary>
    /// <param name="name">The rollup's name, its table name in queries.</param>
    /// <param name="sql">The defining SELECT statement.</param>
    /// <param name="options">Time zone and retention; defaults when null.</param>
    /// <exception cref="RollupDefinitionException">The SQL does not parse or cannot define a rollup; the message
    /// names the rollup, the problem and its line and column.</exception>
    public static RollupDefinition Parse(string name, string sql, RollupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sql);
        options ??= new RollupOptions();
        if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new RollupDefinitionException(name, "a rollup name must be a non-empty word without dots or spaces");
        }

        SqlSelectStatement statement;
        try
        {
            statement = SqlParser.ParseStatement(sql);
        }
        catch (SqlParseException e)
        {
            var detail = e.Expected.Length == 0
                ? e.Message[..e.Message.LastIndexOf(" at line", StringComparison.Ordinal)]
                : $"expected {e.Expected} but found {e.Found}";
            throw new RollupDefinitionException(name, sql, e.Offset, detail, e);
        }

        try
        {
            return Analyse(name, sql, options, statement);
        }
        catch (SqlValidationException e)
        {
            throw new RollupDefinitionException(name, sql, e.Offset, e.Problem, e);
        }
    }

    private static RollupDefinition Analyse(string name, string sql, RollupOptions options,
        SqlSelectStatement statement)
    {
        if (statement.From is null)
        {
            throw new SqlValidationException(sql.Length, "a rollup needs FROM with its source table");
        }

        Reject(statement.Distinct, statement.Offset, "SELECT DISTINCT has no meaning in a rollup; GROUP BY groups");
        Reject(statement.Having is not null, statement.Having?.Offset ?? 0,
            "HAVING is not allowed in a rollup: every group is kept and filtered at query time");
        Reject(statement.OrderBy.Count > 0, statement.OrderBy.FirstOrDefault()?.Offset ?? 0,
            "ORDER BY is not allowed in a rollup");
        Reject(statement.Limit is not null, statement.Limit?.Offset ?? 0, "LIMIT is not allowed in a rollup");
        Reject(statement.OffsetRows is not null, statement.OffsetRows?.Offset ?? 0,
            "OFFSET is not allowed in a rollup");
        Reject(statement.ParameterCount > 0, statement.Offset, "a rollup cannot have ? parameters");
        Reject(statement.GroupBy.Count == 0, sql.Length, "a rollup needs GROUP BY with __time and its dimensions");
        ValidateJoins(statement);
        if (statement.Where is { } where)
        {
            RejectAggregates(where, "WHERE");
        }

        SqlExpression? timeArgument = null;
        Granularity? granularity = null;
        var timeIndex = -1;
        var dimensions = new List<(RollupDimension Dimension, int Index)>();
        var metrics = new List<RollupMetric>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statement.Items.Count; i++)
        {
            var item = statement.Items[i];
            if (item.Expression is SqlStar star)
            {
                throw new SqlValidationException(star.Offset, "a rollup lists its columns; * is not allowed");
            }

            var itemName = item.Alias ?? (item.Expression as SqlIdentifier)?.Name;
            if (item.Expression is SqlFunctionCall call && s_aggregates.ContainsKey(call.Name))
            {
                if (itemName is null)
                {
                    throw new SqlValidationException(item.Offset, $"{call.Name} needs a name for its metric (AS name)");
                }

                CheckName(itemName, item.Offset, names);
                metrics.Add(Metric(call, itemName));
                continue;
            }

            RejectAggregates(item.Expression, "a dimension");
            if (itemName == TimeColumn)
            {
                if (timeIndex >= 0)
                {
                    throw new SqlValidationException(item.Offset, "__time is selected twice");
                }

                if (!SqlTimeFloor.TryRead(item.Expression, options.TimeZone, out var operand, out var g))
                {
                    throw new SqlValidationException(item.Expression.Offset,
                        "__time must be TIME_FLOOR(t, 'period'), FLOOR(t TO unit) or DATE_TRUNC('unit', t)");
                }

                names.Add(TimeColumn);
                timeArgument = operand;
                granularity = g;
                timeIndex = i;
                continue;
            }

            if (itemName is null)
            {
                throw new SqlValidationException(item.Offset, "a dimension expression needs a name (AS name)");
            }

            CheckName(itemName, item.Offset, names);
            dimensions.Add((new RollupDimension(itemName, item.Expression), i));
        }

        if (timeArgument is null || granularity is null)
        {
            throw new SqlValidationException(statement.Items[0].Offset,
                "a rollup needs a time column: TIME_FLOOR(t, 'period') AS __time");
        }

        CheckGroupBy(statement, timeIndex, dimensions.Select(d => d.Index).ToHashSet());
        return new RollupDefinition(name, sql, options, statement, statement.From, timeArgument, granularity,
            dimensions.Select(d => d.Dimension).ToList(), metrics);
    }

    private static void Reject(bool condition, int offset, string problem)
    {
        if (condition)
        {
            throw new SqlValidationException(offset, problem);
        }
    }

    private static void CheckName(string name, int offset, HashSet<string> names)
    {
        if (name is TimeColumn or WeightColumn)
        {
            throw new SqlValidationException(offset, $"the name {name} is reserved");
        }

        if (!names.Add(name))
        {
            throw new SqlValidationException(offset, $"the column name '{name}' is used twice");
        }
    }

    private static RollupMetric Metric(SqlFunctionCall call, string name)
    {
        var kind = s_aggregates[call.Name];
        if (call.Filter is not null)
        {
            throw new SqlValidationException(call.Filter.Offset,
                $"{call.Name} with FILTER is not supported in a rollup; aggregate a CASE expression instead");
        }

        foreach (var argument in call.Arguments)
        {
            RejectAggregates(argument, $"the argument of {call.Name}");
        }

        switch (kind)
        {
            case AggregatorKind.Count when call.Star:
                return new RollupMetric(name, AggregatorKind.Count, null, call.Name);
            case AggregatorKind.Count:
                OneArgument(call);
                return new RollupMetric(name, call.Distinct ? AggregatorKind.CountDistinct : AggregatorKind.CountValues,
                    call.Arguments[0], call.Name);
            case AggregatorKind.ApproxQuantile:
                return Quantile(call, name);
            default:
                if (call.Star)
                {
                    throw new SqlValidationException(call.Offset, $"{call.Name}(*) is not allowed; name a column");
                }

                if (call.Distinct && kind != AggregatorKind.ApproxCountDistinct)
                {
                    throw new SqlValidationException(call.Offset, $"{call.Name}(DISTINCT ..) is not supported");
                }

                OneArgument(call);
                return new RollupMetric(name, kind, call.Arguments[0], call.Name);
        }
    }

    private static RollupMetric Quantile(SqlFunctionCall call, string name)
    {
        if (call.Star || call.Distinct || call.Arguments.Count == 0)
        {
            throw new SqlValidationException(call.Offset, $"{call.Name} needs a numeric argument");
        }

        double? probability = null;
        if (call.Name == "DS_QUANTILES_SKETCH")
        {
            if (call.Arguments.Count > 2)
            {
                throw new SqlValidationException(call.Offset,
                    "DS_QUANTILES_SKETCH takes an argument and an optional k");
            }
        }
        else
        {
            if (call.Arguments.Count is < 2 or > 3)
            {
                throw new SqlValidationException(call.Offset, $"{call.Name} needs an argument and a probability");
            }

            probability = ConstantNumber(call.Arguments[1]);
            if (probability is not (>= 0 and <= 1))
            {
                throw new SqlValidationException(call.Arguments[1].Offset,
                    $"{call.Name} probability must be a number between 0 and 1");
            }
        }

        return new RollupMetric(name, AggregatorKind.ApproxQuantile, call.Arguments[0], call.Name, probability);
    }

    private static double? ConstantNumber(SqlExpression expression) => expression switch
    {
        SqlIntegerLiteral i => i.Value,
        SqlDecimalLiteral d => (double)d.Unscaled / Math.Pow(10, d.Scale),
        SqlDoubleLiteral d => d.Value,
        _ => null,
    };

    private static void OneArgument(SqlFunctionCall call)
    {
        if (call.Star || call.Arguments.Count != 1)
        {
            throw new SqlValidationException(call.Offset, $"{call.Name} needs one argument");
        }
    }

    private static void RejectAggregates(SqlExpression expression, string where)
    {
        if (FindAggregate(expression) is { } found)
        {
            throw new SqlValidationException(found.Offset,
                where == "a dimension"
                    ? $"{found.Name} inside an expression: a rollup metric must be a single aggregate call " +
                      "(compute ratios and sums of metrics at query time)"
                    : $"{found.Name} is an aggregate and cannot appear in {where}");
        }
    }

    internal static SqlFunctionCall? FindAggregate(SqlExpression expression) => expression switch
    {
        SqlFunctionCall call when IsAggregateFunction(call.Name) => call,
        SqlFunctionCall call => call.Arguments.Select(FindAggregate).FirstOrDefault(a => a is not null),
        SqlUnaryExpression u => FindAggregate(u.Operand),
        SqlBinaryExpression b => FindAggregate(b.Left) ?? FindAggregate(b.Right),
        SqlIsNullExpression n => FindAggregate(n.Operand),
        SqlInExpression i => FindAggregate(i.Operand) ?? i.Values.Select(FindAggregate).FirstOrDefault(a =>
            a is not null),
        SqlBetweenExpression b => FindAggregate(b.Operand) ?? FindAggregate(b.Low) ?? FindAggregate(b.High),
        SqlLikeExpression l => FindAggregate(l.Operand) ?? FindAggregate(l.Pattern),
        SqlCaseExpression c => (c.Operand is null ? null : FindAggregate(c.Operand)) ??
                               c.Whens.Select(w => FindAggregate(w.When) ?? FindAggregate(w.Then))
                                   .FirstOrDefault(a => a is not null) ??
                               (c.Else is null ? null : FindAggregate(c.Else)),
        SqlCastExpression c => FindAggregate(c.Operand),
        SqlExtractExpression e => FindAggregate(e.Operand),
        SqlFloorToExpression f => FindAggregate(f.Operand),
        _ => null,
    };

    private static void CheckGroupBy(SqlSelectStatement statement, int timeIndex, HashSet<int> dimensionIndexes)
    {
        var grouped = new HashSet<int>();
        foreach (var item in statement.GroupBy)
        {
            var index = GroupByTarget(statement, item);
            if (index != timeIndex && !dimensionIndexes.Contains(index))
            {
                throw new SqlValidationException(item.Offset,
                    "GROUP BY may name only __time and dimensions of the select list, not a metric");
            }

            grouped.Add(index);
        }

        for (var i = 0; i < statement.Items.Count; i++)
        {
            if ((i == timeIndex || dimensionIndexes.Contains(i)) && !grouped.Contains(i))
            {
                var item = statement.Items[i];
                throw new SqlValidationException(item.Offset,
                    $"'{item.Alias ?? (item.Expression as SqlIdentifier)?.Name ?? item.Expression.ToString()}' is " +
                        $"not in GROUP BY; " +
                    "every non-aggregate column of a rollup must be grouped");
            }
        }
    }

    private static int GroupByTarget(SqlSelectStatement statement, SqlExpression item)
    {
        if (item is SqlIntegerLiteral ordinal)
        {
            if (ordinal.Value < 1 || ordinal.Value > (ulong)statement.Items.Count)
            {
                throw new SqlValidationException(item.Offset,
                    $"GROUP BY ordinal {ordinal.Value.ToString(CultureInfo.InvariantCulture)} is outside the select " +
                    $"list of {statement.Items.Count} columns");
            }

            return (int)ordinal.Value - 1;
        }

        var text = item.ToString();
        for (var i = 0; i < statement.Items.Count; i++)
        {
            var selected = statement.Items[i];
            if (selected.Expression.ToString() == text ||
                (item is SqlIdentifier { Parts.Count: 1 } id && selected.Alias == id.Name))
            {
                return i;
            }
        }

        throw new SqlValidationException(item.Offset,
            $"GROUP BY {text} is not a column of the select list; a rollup keeps only the columns it selects");
    }

    private static void ValidateJoins(SqlSelectStatement statement)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal) { TableName(statement.From!) };
        foreach (var join in statement.Joins)
        {
            var name = TableName(join.Table);
            if (!tables.Add(name))
            {
                throw new SqlValidationException(join.Table.Offset,
                    $"the table name or alias '{name}' is used twice; give the joined table an alias");
            }

            CheckEquiJoin(join.Condition, tables);
        }
    }

    private static string TableName(SqlTableReference table) => table.Alias ?? table.Name;

    private static void CheckEquiJoin(SqlExpression condition, HashSet<string> tables)
    {
        if (condition is SqlBinaryExpression { Operator: SqlBinaryOperator.And } and)
        {
            CheckEquiJoin(and.Left, tables);
            CheckEquiJoin(and.Right, tables);
            return;
        }

        if (condition is not SqlBinaryExpression { Operator: SqlBinaryOperator.Equal } equal ||
            equal.Left is not SqlIdentifier left || equal.Right is not SqlIdentifier right)
        {
            throw new SqlValidationException(condition.Offset,
                "a join condition must compare columns with = (joined by AND), such as o.user_id = u.id");
        }

        foreach (var side in new[] { left, right })
        {
            if (side.Parts.Count < 2)
            {
                throw new SqlValidationException(side.Offset,
                    $"qualify '{side.Name}' with its table in a join condition, such as o.{side.Name}");
            }

            if (!tables.Contains(side.Parts[^2]))
            {
                throw new SqlValidationException(side.Offset, $"'{side.Parts[^2]}' is not a table of this rollup");
            }
        }
    }
}
