using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups.Tiers;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

internal sealed partial class SqlPlanner
{
    private QueryResult Rollup(SqlSelectStatement statement, Rollups.Rollup rollup, IReadOnlySet<string> qualifiers)
    {
        var version = rollup.Current;
        var layout = new RollupLayout(version) { Tiers = options.UseTiers ? RollupTiers.Of(rollup) : null };
        statement = ConditionalAggregates.Rewrite(statement);
        var items = Expand(statement, version.Columns.Select(c => c.Name).ToList());
        var aggregating = statement.GroupBy.Count > 0 || statement.GroupsAllRows || statement.Distinct ||
                          statement.Having is not null ||
                          items.Any(i => ContainsAggregate(i.Expression)) ||
                          statement.OrderBy.Any(o => ContainsAggregate(o.Expression));
        var whereScope = new GroupScope(layout, qualifiers, aggregating ? "WHERE" : null);
        GroupFilter? filter = null;
        var range = TimeRange.All;
        if (statement.Where is not null)
        {
            if (ContainsAggregate(statement.Where))
            {
                throw Error(statement.Where, "aggregates are not allowed in WHERE; use HAVING");
            }

            var condition = new ExpressionCompiler(sql, whereScope, now).CompileCondition(statement.Where, "WHERE");
            range = TimeRange.Of(condition);
            filter = TimeRange.Residual(condition) is { } residual ? GroupFilters.Build(residual, layout) : null;
        }

        return aggregating
            ? Aggregate(statement, layout, items, qualifiers, filter, range)
            : Scan(statement, layout, items, qualifiers, filter, range);
    }

    private static bool ContainsAggregate(SqlExpression expression) =>
        Rollups.RollupDefinition.FindAggregate(expression) is not null;

    private QueryResult Scan(SqlSelectStatement statement, RollupLayout layout,
        List<(SqlExpression Expression, string Name)> items, IReadOnlySet<string> qualifiers, GroupFilter? filter,
        TimeRange range)
    {
        var compiler = new ExpressionCompiler(sql, new GroupScope(layout, qualifiers, null), now);
        var select = items.Select(i => compiler.Compile(i.Expression)).ToList();
        var order = Ordering(statement, items, compiler, select);
        if (order.Keys.Count == 0)
        {
            // Without ORDER BY, rows come in time order and then by dimension values, so results are stable.
            for (var slot = 0; slot <= layout.DimensionCount; slot++)
            {
                var column = layout.Column(slot);
                order.Hidden.Add(new ColumnExpr(slot, column.Type, column.Name));
                order.Keys.Add((select.Count + order.Hidden.Count - 1, false));
            }
        }

        var row = new GroupRow(layout);
        var selected = GroupSelection.Select(layout.Version, filter, range, out var count, options.MaxGroups);
        var rows = new List<QueryValue[]>(count);
        try
        {
            foreach (var group in selected.AsSpan(0, count))
            {
                row.Group = group;
                rows.Add(Evaluate(row, select, order.Hidden));
            }
        }
        finally
        {
            GroupSelection.Return(selected);
        }

        return Finish(statement, items, select, rows, order.Keys);
    }

    private QueryResult Aggregate(SqlSelectStatement statement, RollupLayout layout,
        List<(SqlExpression Expression, string Name)> items, IReadOnlySet<string> qualifiers, GroupFilter? filter,
        TimeRange range)
    {
        var groupScope = new GroupScope(layout, qualifiers, "GROUP BY");
        var keyCompiler = new ExpressionCompiler(sql, groupScope, now);
        var keyNodes = statement.GroupBy.Count > 0
            ? statement.GroupBy.Select(g => GroupByTarget(g, items, layout)).ToList()
            : statement.Distinct ? items.Select(i => i.Expression).ToList() : [];
        var keys = new List<OutputScope.Key>();
        var parts = new List<KeyPart>();
        foreach (var node in keyNodes)
        {
            if (ContainsAggregate(node))
            {
                throw Error(node, "aggregates are not allowed in GROUP BY");
            }

            var text = node.ToString();
            if (keys.Any(k => k.Text == text))
            {
                continue;
            }

            var expr = keyCompiler.Compile(node);
            var columnSlot = expr is ColumnExpr column ? column.Slot : (int?)null;
            keys.Add(new OutputScope.Key(text, expr, columnSlot));
            parts.Add(KeyParts.For(expr, layout, text));
        }

        var scope = new OutputScope(groupScope, keys, (call, compiler) => BindAggregate(call, layout, qualifiers));
        var compiler = new ExpressionCompiler(sql, scope, now);
        var select = items.Select(i => compiler.Compile(i.Expression)).ToList();
        var having = statement.Having is null ? null
            : compiler.CompileCondition(HavingWithAliases(statement.Having, items, layout), "HAVING");
        var order = Ordering(statement, items, compiler, select);
        var explicitOrder = order.Keys.Count > 0;

        // Without ORDER BY Druid returns grouped rows ordered by their grouping keys; with it, the keys break
        // ties, so that which rows a LIMIT keeps does not depend on the order groups were read in.
        var sorted = order.Keys.Count;
        for (var k = 0; k < keys.Count; k++)
        {
            if (SortsOn(order, select, sorted, k))
            {
                continue;
            }

            order.Hidden.Add(new ColumnExpr(k, keys[k].Expr.Type, keys[k].Text));
            order.Keys.Add((select.Count + order.Hidden.Count - 1, false));
        }

        var deferred = explicitOrder && options.DeferAggregates
            ? Deferred(statement, keys.Count, scope.Aggregates, select, having, order)
            : null;
        var eager = deferred is null ? scope.Aggregates
            : scope.Aggregates.Where((_, a) => !deferred[a]).ToList();
        var result = Aggregation.Run(layout.Version, filter, range, parts, eager,
            alwaysOneRow: keyNodes.Count == 0, options.MaxGroups, layout.Tiers);
        var source = new OutputRow();
        var rows = new List<QueryValue[]>(result.SlotCount);
        var sources = deferred is null ? null : new QueryValue[result.SlotCount][];
        for (var slot = 0; slot < result.SlotCount; slot++)
        {
            var values = Values(result, slot, keys.Count, deferred);
            source.Values = values;
            if (having is not null && !GroupFilters.Passes(having.Evaluate(source), true))
            {
                continue;
            }

            var row = Evaluate(source, select, order.Hidden, sources is null ? 0 : 1);
            if (sources is not null)
            {
                // The last cell names the row's slot, whose inputs wait for the late evaluation of the deferred
                // aggregates.
                row[^1] = QueryValue.FromLong(slot);
                sources[slot] = values;
            }

            rows.Add(row);
        }

        if (statement.Distinct && statement.GroupBy.Count > 0)
        {
            rows = Distinct(rows, select.Count);
        }

        if (deferred is not null)
        {
            rows = Window(statement, rows, order.Keys).ToList();
            rows = LateAggregates(rows, sources!, deferred, scope.Aggregates, result, parts, layout, filter, range,
                select);
            return Finish(statement, items, select, rows, [], windowed: true);
        }

        return Finish(statement, items, select, rows, order.Keys);
    }

    /// <summary>Whether one of the first <paramref name="count"/> ORDER BY keys is grouping key
    /// <paramref name="key"/> itself.</summary>
    private static bool SortsOn(Order order, List<Expr> select, int count, int key)
    {
        for (var i = 0; i < count; i++)
        {
            var position = order.Keys[i].Position;
            var expr = position < select.Count ? select[position] : order.Hidden[position - select.Count];
            if (expr is ColumnExpr column && column.Slot == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Which aggregates to evaluate only for the rows that ORDER BY and LIMIT keep: the deferrable ones that
    /// neither HAVING nor an ORDER BY key reads. Null when none, or when the query keeps every row anyway.
    /// </summary>
    private static bool[]? Deferred(SqlSelectStatement statement, int keyCount, List<AggregatorSpec> aggregates,
        List<Expr> select, Expr? having, Order order)
    {
        if (statement.Limit is null || keyCount == 0 || statement.Distinct || !aggregates.Any(a => a.Deferrable))
        {
            return null;
        }

        var read = having?.Slots() ?? [];
        foreach (var (position, _) in order.Keys)
        {
            read.UnionWith(position < select.Count ? select[position].Slots()
                : order.Hidden[position - select.Count].Slots());
        }

        var deferred = new bool[aggregates.Count];
        var any = false;
        for (var a = 0; a < aggregates.Count; a++)
        {
            deferred[a] = aggregates[a].Deferrable && !read.Contains(keyCount + a);
            any |= deferred[a];
        }

        return any ? deferred : null;
    }

    /// <summary>A slot's keys and aggregates as the output expressions read them; deferred aggregates are NULL
    /// until <see cref="LateAggregates"/> fills them in.</summary>
    private static QueryValue[] Values(AggregationResult result, int slot, int keyCount, bool[]? deferred)
    {
        var width = keyCount + (deferred?.Length ?? result.Aggregates.Length);
        var values = new QueryValue[width];
        for (var k = 0; k < keyCount; k++)
        {
            values[k] = result.Keys[k][slot];
        }

        var eager = 0;
        for (var a = keyCount; a < width; a++)
        {
            values[a] = deferred is not null && deferred[a - keyCount] ? QueryValue.Null
                : result.Aggregates[eager++][slot];
        }

        return values;
    }

    /// <summary>Evaluates the deferred aggregates for the kept rows only (a second pass over the groups that
    /// feeds their slots alone), then their select lists again.</summary>
    private static List<QueryValue[]> LateAggregates(List<QueryValue[]> rows, QueryValue[][] sources,
        bool[] deferred, List<AggregatorSpec> aggregates, AggregationResult result, List<KeyPart> parts,
        RollupLayout layout, GroupFilter? filter, TimeRange range, List<Expr> select)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var kept = new SlotTable(parts.Count, long.MaxValue);
        var slots = new int[rows.Count];
        Span<long> key = parts.Count <= 64 ? stackalloc long[parts.Count] : new long[parts.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var slot = (int)rows[r][^1].Long;
            for (var k = 0; k < parts.Count; k++)
            {
                key[k] = result.Table.KeyPart(slot, k);
            }

            slots[r] = kept.Find(key);
        }

        var late = aggregates.Where((_, a) => deferred[a]).ToList();
        var values = Aggregation.RunFor(layout.Version, filter, range, parts, late, kept);
        var source = new OutputRow();
        var output = new List<QueryValue[]>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var inputs = sources[(int)rows[r][^1].Long];
            var next = 0;
            for (var a = 0; a < deferred.Length; a++)
            {
                if (deferred[a])
                {
                    inputs[parts.Count + a] = values[next++][slots[r]];
                }
            }

            source.Values = inputs;
            output.Add(Evaluate(source, select, [], 0));
        }

        return output;
    }

    /// <summary>A GROUP BY item: an ordinal, a column, a select-list alias, or an expression.</summary>
    private SqlExpression GroupByTarget(SqlExpression item, List<(SqlExpression Expression, string Name)> items,
        RollupLayout layout)
    {
        if (item is SqlIntegerLiteral ordinal)
        {
            if (ordinal.Value < 1 || ordinal.Value > (ulong)items.Count)
            {
                throw Error(item,
                    $"GROUP BY ordinal {ordinal.Value} is outside the select list of {items.Count} columns");
            }

            return items[(int)ordinal.Value - 1].Expression;
        }

        if (item is SqlIdentifier { Parts.Count: 1 } name && layout.Find(name.Name) < 0)
        {
            var aliased = items.FindIndex(i => i.Name == name.Name);
            if (aliased >= 0)
            {
                return items[aliased].Expression;
            }
        }

        return item;
    }

    /// <summary>HAVING may name select-list aliases of aggregates, as Druid allows.</summary>
    private static SqlExpression HavingWithAliases(SqlExpression having, List<(SqlExpression Expression,
        string Name)> items,
        RollupLayout layout) =>
        SqlRewriter.Expression(having, node => node is SqlIdentifier { Parts.Count: 1 } id
            && layout.Find(id.Name) < 0 &&
                                               items.FindIndex(i => i.Name == id.Name) is var index && index >= 0 &&
                                               ContainsAggregate(items[index].Expression)
            ? items[index].Expression
            : null);

    private AggregatorSpec BindAggregate(SqlFunctionCall call, RollupLayout layout, IReadOnlySet<string> qualifiers)
    {
        var function = call.Name switch
        {
            "COUNT" => call.Distinct ? AggregateFunction.CountDistinct : AggregateFunction.Count,
            "SUM" => AggregateFunction.Sum,
            "MIN" => AggregateFunction.Min,
            "MAX" => AggregateFunction.Max,
            "AVG" => AggregateFunction.Avg,
            "APPROX_COUNT_DISTINCT" or "APPROX_COUNT_DISTINCT_DS_HLL" or "APPROX_COUNT_DISTINCT_DS_THETA" =>
                AggregateFunction.ApproxCountDistinct,
            "APPROX_QUANTILE" or "APPROX_QUANTILE_DS" => AggregateFunction.ApproxQuantile,
            _ => throw Error(call, $"aggregate {call.Name} is not supported over rollups", QueryErrorCode.Unsupported),
        };
        if (call.Distinct && function is not (AggregateFunction.CountDistinct or AggregateFunction.ApproxCountDistinct))
        {
            throw Error(call, $"{call.Name}(DISTINCT ..) is not supported", QueryErrorCode.Unsupported);
        }

        var groupScope = new GroupScope(layout, qualifiers, null);
        var compiler = new ExpressionCompiler(sql, groupScope, now);
        int? slot = null;
        var probability = 0.5;
        if (!call.Star)
        {
            var expected = function == AggregateFunction.ApproxQuantile ? 2 : 1;
            if (call.Arguments.Count < 1 || call.Arguments.Count > (function == AggregateFunction.ApproxQuantile ? 3
                : 1))
            {
                throw Error(call, $"{call.Name} takes {expected} argument{(expected == 1 ? "" : "s")}");
            }

            if (call.Arguments[0] is not SqlIdentifier column)
            {
                throw Error(call.Arguments[0],
                    $"the argument of {call.Name} over a rollup must be one of its columns, not {call.Arguments[0]}",
                    QueryErrorCode.Unsupported);
            }

            slot = groupScope.Slot(column, compiler);
            if (function == AggregateFunction.ApproxQuantile)
            {
                if (call.Arguments.Count < 2
                    || compiler.Compile(call.Arguments[1]) is not LiteralExpr { Type.IsNumeric: true } p ||
                    p.Value.ToDouble() is < 0 or > 1)
                {
                    throw Error(call, $"{call.Name} needs a constant probability between 0 and 1");
                }

                probability = p.Value.ToDouble();
            }
        }
        else if (function != AggregateFunction.Count)
        {
            throw Error(call, $"{call.Name}(*) is not allowed; name a column");
        }

        GroupFilter? filter = null;
        if (call.Filter is not null)
        {
            var condition = new ExpressionCompiler(sql, new GroupScope(layout, qualifiers, "FILTER"), now)
                .CompileCondition(call.Filter, "FILTER");
            filter = GroupFilters.Build(condition, layout);
        }

        try
        {
            return AggregatorBinder.Bind(function, call.Distinct, slot, probability, layout, filter, call.ToString());
        }
        catch (QueryException e) when (e.Line is null)
        {
            throw new QueryException(e.Code, e.Message, sql, call.Offset, e);
        }
    }
}
