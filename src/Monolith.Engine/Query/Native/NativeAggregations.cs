using System.Text.Json;
using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Native;

/// <summary>
/// Native aggregations and post-aggregations. <c>count</c> counts source rows (the rollup's row counts), as SQL's
/// COUNT(*) does; the <c>*Sum</c>, <c>*Min</c> and <c>*Max</c> families combine the named metric (or weigh a
/// dimension) exactly, <c>long*</c> presenting whole numbers and <c>double*</c> numbers with a fraction (decimal
/// sums keep their exact digits); <c>cardinality</c> over one dimension and <c>hyperUnique</c>-style aggregators
/// over a distinct-count metric count distinct values; <c>filtered</c> wraps any of them.
/// </summary>
internal static class NativeAggregations
{
    public static List<NativeAggregator> Parse(JsonElement root, RollupLayout layout, Func<JsonElement, string,
        GroupFilter> filter)
    {
        var aggregators = new List<NativeAggregator>();
        if (!NativeJson.Has(root, "aggregations", out var list))
        {
            return aggregators;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw NativeJson.Error("aggregations", "must be an array");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = NativeJson.Index("aggregations", index++);
            var aggregator = One(item, path, layout, filter, null);
            if (aggregators.Any(a => a.Name == aggregator.Name))
            {
                throw NativeJson.Error($"{path}.name", $"'{aggregator.Name}' is used by two aggregations");
            }

            aggregators.Add(aggregator);
        }

        return aggregators;
    }

    private static NativeAggregator One(JsonElement item, string path, RollupLayout layout,
        Func<JsonElement, string, GroupFilter> filters, GroupFilter? filter)
    {
        NativeJson.Object(item, path);
        var type = NativeJson.String(item, "type", path);
        if (type == "filtered")
        {
            var inner = NativeJson.Required(item, "aggregator", path);
            var condition = filters(NativeJson.Required(item, "filter", path), $"{path}.filter");
            var wrapped = One(inner, $"{path}.aggregator", layout, filters, condition);
            var outer = NativeJson.OptionalString(item, "name", path);
            return outer is null ? wrapped : wrapped with { Name = outer };
        }

        var name = NativeJson.String(item, "name", path);
        (AggregateFunction Function, Func<QueryValue, QueryValue> Present) choice = type switch
        {
            "count" => (AggregateFunction.Count, (Func<QueryValue, QueryValue>)Same),
            "longSum" => (AggregateFunction.Sum, AsLong),
            "doubleSum" or "floatSum" => (AggregateFunction.Sum, AsFraction),
            "longMin" => (AggregateFunction.Min, AsLong),
            "doubleMin" or "floatMin" => (AggregateFunction.Min, AsFraction),
            "longMax" => (AggregateFunction.Max, AsLong),
            "doubleMax" or "floatMax" => (AggregateFunction.Max, AsFraction),
            "cardinality" or "hyperUnique" or "HLLSketchMerge" or "HLLSketchBuild" or "thetaSketch" =>
                (AggregateFunction.ApproxCountDistinct, Same),
            _ => throw NativeJson.Unsupported($"{path}.type", $"aggregator type '{type}' is not supported"),
        };
        var (function, present) = choice;
        int? slot = null;
        if (type == "cardinality")
        {
            var fields = NativeJson.Array(item, "fields", path).ToList();
            if (fields.Count != 1)
            {
                throw NativeJson.Unsupported($"{path}.fields",
                    "cardinality over more than one dimension is not supported");
            }

            var field = fields[0].ValueKind == JsonValueKind.String ? fields[0].GetString()!
                : NativeJson.String(fields[0], "dimension", $"{path}.fields[0]");
            slot = Slot(layout, field, $"{path}.fields[0]");
        }
        else if (type != "count")
        {
            slot = Slot(layout, NativeJson.String(item, "fieldName", path), $"{path}.fieldName");
        }

        try
        {
            var spec = AggregatorBinder.Bind(function, false, slot, 0.5, layout, filter, $"{type} '{name}'");
            return new NativeAggregator(name, spec, present);
        }
        catch (QueryException e)
        {
            throw new QueryException(e.Code, $"{path}: {e.Problem}", e);
        }
    }

    public static int Slot(RollupLayout layout, string column, string path)
    {
        var slot = layout.Find(column);
        return slot >= 0 ? slot : throw NativeJson.Error(path,
            $"'{column}' is not a column of '{layout.Version.Definition.Name}'");
    }

    private static QueryValue Same(QueryValue value) => value;

    private static QueryValue AsLong(QueryValue value) => value.Kind switch
    {
        ValueKind.Double => QueryValue.FromLong((long)Math.Truncate(value.Double)),
        ValueKind.Decimal => QueryValue.FromInteger((Int128)(value.BigUnscaled / QueryValues.PowerOfTen(value.Scale))),
        _ => value,
    };

    private static QueryValue AsFraction(QueryValue value) =>
        value.Kind is ValueKind.Long or ValueKind.UnsignedLong ? QueryValue.FromDouble(value.ToDouble()) : value;

    public static List<NativePostAggregator> PostAggregators(JsonElement root, ICollection<string> names)
    {
        var result = new List<NativePostAggregator>();
        if (!NativeJson.Has(root, "postAggregations", out var list))
        {
            return result;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw NativeJson.Error("postAggregations", "must be an array");
        }

        var known = new HashSet<string>(names, StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = NativeJson.Index("postAggregations", index++);
            var name = NativeJson.String(NativeJson.Object(item, path), "name", path);
            result.Add(new NativePostAggregator(name, Post(item, path, known)));
            known.Add(name);
        }

        return result;
    }

    private static Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Post(JsonElement item, string path,
        HashSet<string> known)
    {
        NativeJson.Object(item, path);
        var type = NativeJson.String(item, "type", path);
        switch (type)
        {
            case "fieldAccess" or "finalizingFieldAccess" or "hyperUniqueCardinality":
                var field = NativeJson.String(item, "fieldName", path);
                if (!known.Contains(field))
                {
                    throw NativeJson.Error($"{path}.fieldName",
                        $"'{field}' is not an aggregation or earlier post-aggregation");
                }

                return row => row[field];
            case "expression":
                var text = NativeJson.String(item, "expression", path);
                return NativeExpression.Parse(text, $"{path}.expression", known.ToHashSet(StringComparer.Ordinal));
            case "constant":
                var value = NativeJson.Required(item, "value", path);
                if (value.ValueKind != JsonValueKind.Number)
                {
                    throw NativeJson.Error($"{path}.value", "must be a number");
                }

                var constant = value.TryGetInt64(out var l) ? QueryValue.FromLong(l)
                    : QueryValue.FromDouble(value.GetDouble());
                return _ => constant;
            case "arithmetic":
                var fn = NativeJson.String(item, "fn", path);
                if (fn is not ("+" or "-" or "*" or "/" or "quotient" or "pow"))
                {
                    throw NativeJson.Error($"{path}.fn", $"'{fn}' is not one of +, -, *, /, quotient, pow");
                }

                var fields = NativeJson.Array(item, "fields", path)
                    .Select((f, i) => Post(f, NativeJson.Index($"{path}.fields", i), known)).ToList();
                if (fields.Count < 2)
                {
                    throw NativeJson.Error($"{path}.fields", "needs at least two fields");
                }

                return row => Arithmetic(fn, fields.Select(f => f(row)).ToList());
            default:
                throw NativeJson.Unsupported($"{path}.type", $"post-aggregator type '{type}' is not supported");
        }
    }

    /// <summary>Druid's arithmetic post-aggregator: doubles throughout, and <c>/</c> gives 0 when dividing by
    /// 0.</summary>
    private static QueryValue Arithmetic(string fn, List<QueryValue> values)
    {
        if (values.Any(v => v.IsNull))
        {
            return QueryValue.Null;
        }

        var result = values[0].ToDouble();
        foreach (var value in values.Skip(1))
        {
            var x = value.ToDouble();
            result = fn switch
            {
                "+" => result + x,
                "-" => result - x,
                "*" => result * x,
                "/" => x == 0 ? 0 : result / x,
                "quotient" => result / x,
                _ => Math.Pow(result, x),
            };
        }

        return QueryValue.FromDouble(result);
    }
}
