using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Monolith.Engine.Query.Execution;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

internal static partial class NativeQueryRunner
{
    private static ArrayBufferWriter<byte> TopN(Context context)
    {
        var plan = Prepare(context);
        var dimension = Dimension(context, NativeJson.Required(context.Root, "dimension", "query"), "dimension");
        var threshold = NativeJson.OptionalLong(context.Root, "threshold", "query") ??
                        throw NativeJson.Error("threshold", "is required");
        var (metric, inverted, byDimension) = TopNMetric(context.Root.GetProperty("metric"), "metric");
        var names = plan.Aggregators.Select(a => a.Name).Concat(plan.PostAggregators.Select(p => p.Name)).ToHashSet();
        if (!byDimension && !names.Contains(metric!))
        {
            throw NativeJson.Error("metric", $"'{metric}' is not an aggregation or post-aggregation of the query");
        }

        var result = Aggregate(context, plan,
            [TimeKey(context, plan.Granularity), dimension.Key]);
        var stamps = Timestamps(plan, result);
        var buckets = new SortedDictionary<long, List<NativeRow>>();
        for (var slot = 0; slot < result.SlotCount; slot++)
        {
            var row = new NativeRow(stamps[slot]);
            row.Add(dimension.OutputName, result.Keys[1][slot]);
            AddMetrics(row, plan, result, slot);
            if (!buckets.TryGetValue(row.Timestamp, out var list))
            {
                buckets[row.Timestamp] = list = [];
            }

            list.Add(row);
        }

        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var (timestamp, rows) in buckets)
            {
                // Numeric metrics rank highest first (NULL last); dimension order is ascending; inverted flips it.
                var comparer = Comparer<QueryValue>.Create(QueryValues.Compare);
                var key = byDimension ? dimension.OutputName : metric!;
                var descending = !byDimension != inverted;
                var ordered = descending
                    ? rows.OrderByDescending(r => r.ByName[key], comparer)
                    : rows.OrderBy(r => r.ByName[key], comparer);
                var top = ordered.Take((int)Math.Min(threshold, int.MaxValue));
                writer.WriteStartObject();
                writer.WriteString("timestamp", DruidTime.FormatIso(timestamp));
                writer.WriteStartArray("result");
                foreach (var row in top)
                {
                    writer.WriteStartObject();
                    row.WriteFields(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static (string? Metric, bool Inverted, bool ByDimension) TopNMetric(JsonElement spec, string path)
    {
        if (spec.ValueKind == JsonValueKind.String)
        {
            return (spec.GetString(), false, false);
        }

        NativeJson.Object(spec, path);
        var type = NativeJson.String(spec, "type", path);
        switch (type)
        {
            case "numeric":
                return (NativeJson.String(spec, "metric", path), false, false);
            case "inverted":
                var (metric, inverted, byDimension) = TopNMetric(NativeJson.Required(spec, "metric", path),
                    $"{path}.metric");
                return (metric, !inverted, byDimension);
            case "dimension" or "lexicographic":
                return (null, false, true);
            default:
                throw NativeJson.Unsupported($"{path}.type", $"topN metric type '{type}' is not supported");
        }
    }

    private static ArrayBufferWriter<byte> GroupBy(Context context)
    {
        var plan = Prepare(context);
        var dimensions = NativeJson.Has(context.Root, "dimensions", out var list)
            ? list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select((d, i) => Dimension(context, d, NativeJson.Index("dimensions",
                i))).ToList()
                : throw NativeJson.Error("dimensions", "must be an array")
            : [];
        var keys = new List<KeyPart> { TimeKey(context, plan.Granularity) };
        keys.AddRange(dimensions.Select(d => d.Key));
        var result = Aggregate(context, plan, keys);
        var having = NativeJson.Has(context.Root, "having", out var havingSpec)
            ? Having(havingSpec, "having")
            : null;
        var stamps = Timestamps(plan, result);
        var rows = new List<NativeRow>();
        for (var slot = 0; slot < result.SlotCount; slot++)
        {
            var row = new NativeRow(stamps[slot]);
            for (var d = 0; d < dimensions.Count; d++)
            {
                row.Add(dimensions[d].OutputName, result.Keys[d + 1][slot]);
            }

            AddMetrics(row, plan, result, slot);
            if (having is null || having(row.ByName))
            {
                rows.Add(row);
            }
        }

        var comparer = Comparer<QueryValue>.Create(QueryValues.Compare);
        IEnumerable<NativeRow> ordered = rows.OrderBy(r => r.Timestamp);
        foreach (var dimension in dimensions)
        {
            ordered = ((IOrderedEnumerable<NativeRow>)ordered).ThenBy(r => r.ByName[dimension.OutputName], comparer);
        }

        ordered = LimitSpec(context, ordered.ToList(), rows.Count > 0 ? rows[0].ByName.Keys : []);
        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in ordered)
            {
                writer.WriteStartObject();
                writer.WriteString("version", "v1");
                writer.WriteString("timestamp", DruidTime.FormatIso(row.Timestamp));
                writer.WriteStartObject("event");
                row.WriteFields(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static IEnumerable<NativeRow> LimitSpec(Context context, List<NativeRow> rows, IEnumerable<string> names)
    {
        if (!NativeJson.Has(context.Root, "limitSpec", out var spec))
        {
            return rows;
        }

        NativeJson.Object(spec, "limitSpec");
        var type = NativeJson.OptionalString(spec, "type", "limitSpec") ?? "default";
        if (type != "default")
        {
            throw NativeJson.Unsupported("limitSpec.type", $"limit spec type '{type}' is not supported");
        }

        var known = names.ToHashSet(StringComparer.Ordinal);
        IEnumerable<NativeRow> ordered = rows;
        if (NativeJson.Has(spec, "columns", out var columns))
        {
            var keys = columns.EnumerateArray().Select((c, i) => OrderColumn(c, NativeJson.Index("limitSpec.columns",
                i))).ToList();
            foreach (var (name, _, _) in keys)
            {
                if (rows.Count > 0 && !known.Contains(name))
                {
                    throw NativeJson.Error("limitSpec.columns",
                        $"'{name}' is not a dimension, aggregation or post-aggregation");
                }
            }

            var comparer = Comparer<NativeRow>.Create((a, b) =>
            {
                foreach (var (name, descending, numeric) in keys)
                {
                    var c = numeric ? CompareNumeric(a.ByName[name], b.ByName[name])
                        : QueryValues.Compare(a.ByName[name], b.ByName[name]);
                    if (c != 0)
                    {
                        return descending ? -c : c;
                    }
                }

                return 0;
            });
            ordered = rows.Order(comparer);
        }

        var offset = NativeJson.OptionalLong(spec, "offset", "limitSpec") ?? 0;
        ordered = ordered.Skip((int)Math.Min(offset, int.MaxValue));
        if (NativeJson.OptionalLong(spec, "limit", "limitSpec") is { } limit)
        {
            ordered = ordered.Take((int)Math.Min(limit, int.MaxValue));
        }

        return ordered;
    }

    private static (string Name, bool Descending, bool Numeric) OrderColumn(JsonElement column, string path)
    {
        if (column.ValueKind == JsonValueKind.String)
        {
            return (column.GetString()!, false, false);
        }

        NativeJson.Object(column, path);
        var name = NativeJson.String(column, "dimension", path);
        var direction = NativeJson.OptionalString(column, "direction", path) ?? "ascending";
        var order = NativeJson.OptionalString(column, "dimensionOrder", path) ?? "lexicographic";
        return (name, direction switch
        {
            "ascending" => false,
            "descending" => true,
            _ => throw NativeJson.Error($"{path}.direction", "must be ascending or descending"),
        }, order switch
        {
            "numeric" => true,
            "lexicographic" => false,
            _ => throw NativeJson.Unsupported($"{path}.dimensionOrder", $"ordering '{order}' is not supported"),
        });
    }

    private static int CompareNumeric(QueryValue a, QueryValue b)
    {
        static QueryValue Number(QueryValue v) =>
            v.Kind == ValueKind.String && double.TryParse(v.String, NumberStyles.Float, CultureInfo.InvariantCulture,
                out var d)
                ? QueryValue.FromDouble(d)
                : v;

        var x = Number(a);
        var y = Number(b);
        return QueryValues.Comparable(x.Kind, y.Kind) && x.Kind != ValueKind.String
            ? QueryValues.Compare(x, y)
            : string.CompareOrdinal(x.ToString(), y.ToString());
    }

    private static Func<IReadOnlyDictionary<string, QueryValue>, bool> Having(JsonElement spec, string path)
    {
        NativeJson.Object(spec, path);
        var type = NativeJson.String(spec, "type", path);
        switch (type)
        {
            case "greaterThan" or "lessThan" or "equalTo":
                var name = NativeJson.String(spec, "aggregation", path);
                var value = NativeJson.Required(spec, "value", path);
                if (value.ValueKind != JsonValueKind.Number)
                {
                    throw NativeJson.Error($"{path}.value", "must be a number");
                }

                var threshold = value.GetDouble();
                return row =>
                {
                    if (!row.TryGetValue(name, out var v))
                    {
                        throw NativeJson.Error($"{path}.aggregation", $"'{name}' is not an aggregation of the query");
                    }

                    if (v.IsNull)
                    {
                        return false;
                    }

                    var c = v.ToDouble().CompareTo(threshold);
                    return type switch { "greaterThan" => c > 0, "lessThan" => c < 0, _ => c == 0 };
                };
            case "dimSelector":
                var dimension = NativeJson.String(spec, "dimension", path);
                var expected = spec.TryGetProperty("value", out var e) ? NativeJson.Scalar(e, $"{path}.value") : null;
                return row => row.TryGetValue(dimension, out var v) && (v.IsNull ? expected is null
                    : v.ToString() == expected);
            case "and" or "or":
                var parts = NativeJson.Array(spec, "havingSpecs", path)
                    .Select((h, i) => Having(h, NativeJson.Index($"{path}.havingSpecs", i))).ToList();
                return type == "and" ? row => parts.All(p => p(row)) : row => parts.Any(p => p(row));
            case "not":
                var inner = Having(NativeJson.Required(spec, "havingSpec", path), $"{path}.havingSpec");
                return row => !inner(row);
            default:
                throw NativeJson.Unsupported($"{path}.type", $"having type '{type}' is not supported");
        }
    }
}
