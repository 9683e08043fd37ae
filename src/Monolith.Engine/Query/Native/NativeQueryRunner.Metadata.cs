using System.Buffers;
using System.Text.Json;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

internal static partial class NativeQueryRunner
{
    private static ArrayBufferWriter<byte> TimeBoundary(Context context)
    {
        var intervals = Intervals(context, required: false);
        var (filter, range) = Filter(context, intervals);
        var bound = NativeJson.OptionalString(context.Root, "bound", "query");
        if (bound is not (null or "minTime" or "maxTime"))
        {
            throw NativeJson.Error("bound", "must be minTime or maxTime");
        }

        var version = context.Version;
        long min = long.MaxValue, max = long.MinValue;
        var selected = Execution.GroupSelection.Select(version, filter, range, out var count, long.MaxValue);
        foreach (var group in selected.AsSpan(0, count))
        {
            min = Math.Min(min, version.Time[group]);
            max = Math.Max(max, version.Time[group]);
        }

        Execution.GroupSelection.Return(selected);

        return Json(writer =>
        {
            writer.WriteStartArray();
            if (min <= max)
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp", DruidTime.FormatIso(bound == "maxTime" ? max : min));
                writer.WriteStartObject("result");
                if (bound is null or "minTime")
                {
                    writer.WriteString("minTime", DruidTime.FormatIso(min));
                }

                if (bound is null or "maxTime")
                {
                    writer.WriteString("maxTime", DruidTime.FormatIso(max));
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// Segment metadata with the whole rollup presented as one segment: its interval (earliest bucket to the end
    /// of the latest), its columns with types and, for string dimensions, cardinality and minimum and maximum.
    /// </summary>
    private static ArrayBufferWriter<byte> SegmentMetadata(Context context)
    {
        var version = context.Version;
        var layout = context.Layout;
        var analyses = NativeJson.Has(context.Root, "analysisTypes", out var types)
            && types.ValueKind == JsonValueKind.Array
            ? types.EnumerateArray().Select(t => t.GetString()).ToHashSet()
            : ["cardinality", "interval", "minmax"];
        var live = Enumerable.Range(0, version.GroupCount).Where(version.IsLive).ToList();
        if (live.Count == 0)
        {
            return Json(writer =>
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            });
        }

        var start = live.Min(g => version.Time[g]);
        var end = version.Definition.Granularity.Next(live.Max(g => version.Time[g]));
        var interval = new DruidInterval(start, end);
        var rows = live.Sum(g => version.RowCounts[g]);
        return Json(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("id", $"{context.DataSource}_{DruidTime.FormatIso(start)}_{DruidTime.FormatIso(end)}_" +
                                     $"{DruidTime.FormatIso(version.CommittedAt.ToUnixTimeMilliseconds())}");
            writer.WriteStartArray("intervals");
            if (analyses.Contains("interval"))
            {
                writer.WriteStringValue(interval.ToString());
            }

            writer.WriteEndArray();
            writer.WriteStartObject("columns");
            for (var slot = 0; slot < version.Columns.Count; slot++)
            {
                ColumnMetadata(writer, layout, slot, live, analyses);
            }

            writer.WriteEndObject();
            writer.WriteNumber("size", 0);
            writer.WriteNumber("numRows", rows);
            if (analyses.Contains("aggregators"))
            {
                writer.WriteStartObject("aggregators");
                foreach (var column in version.Columns.Where(c => c.Metric is not null))
                {
                    writer.WriteStartObject(column.Name);
                    writer.WriteString("type", AggregatorType(column));
                    writer.WriteString("name", column.Name);
                    writer.WriteString("fieldName", column.Name);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("aggregators");
            }

            writer.WriteNull("timestampSpec");
            if (analyses.Contains("queryGranularity"))
            {
                var granularity = version.Definition.Granularity;
                writer.WriteStartObject("queryGranularity");
                writer.WriteString("type", "period");
                writer.WriteString("period", granularity.Period.ToString());
                writer.WriteString("timeZone", granularity.TimeZone.Id);
                if (granularity.Origin is { } origin)
                {
                    writer.WriteString("origin", DruidTime.FormatIso(origin));
                }
                else
                {
                    writer.WriteNull("origin");
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("queryGranularity");
            }

            writer.WriteBoolean("rollup", true);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });
    }

    private static void ColumnMetadata(Utf8JsonWriter writer, Execution.RollupLayout layout, int slot, List<int> live,
        HashSet<string?> analyses)
    {
        var version = layout.Version;
        var column = version.Columns[slot];
        var type = column.Metric?.Kind switch
        {
            AggregatorKind.ApproxCountDistinct => "COMPLEX<hyperUnique>",
            AggregatorKind.ApproxQuantile => "COMPLEX<quantilesDoublesSketch>",
            _ => column.Type.Kind == ValueKind.Unknown ? "STRING" : column.Type.DruidTypeName,
        };
        writer.WriteStartObject(column.Name);
        writer.WriteString("typeSignature", type);
        writer.WriteString("type", type);
        writer.WriteBoolean("hasMultipleValues", false);
        var isString = layout.IsDimension(slot) && column.Type.Kind == ValueKind.String;
        var hasNulls = slot != 0 && layout.IsDimension(slot) && live.Any(g =>
            version.Dimensions[layout.DimensionIndex(slot)][g] == 0);
        writer.WriteBoolean("hasNulls", hasNulls);
        writer.WriteNumber("size", 0);
        if (isString && version.Dictionaries[layout.DimensionIndex(slot)] is { } dictionary)
        {
            var ids = version.Dimensions[layout.DimensionIndex(slot)];
            var values = live.Select(g => ids[g]).Where(id => id != 0).Distinct()
                .Select(id => dictionary.GetValue(id).String).Order(StringComparer.Ordinal).ToList();
            if (analyses.Contains("cardinality"))
            {
                writer.WriteNumber("cardinality", values.Count);
            }
            else
            {
                writer.WriteNull("cardinality");
            }

            if (analyses.Contains("minmax") && values.Count > 0)
            {
                writer.WriteString("minValue", values[0]);
                writer.WriteString("maxValue", values[^1]);
            }
            else
            {
                writer.WriteNull("minValue");
                writer.WriteNull("maxValue");
            }
        }
        else
        {
            writer.WriteNull("cardinality");
            writer.WriteNull("minValue");
            writer.WriteNull("maxValue");
        }

        writer.WriteNull("errorMessage");
        writer.WriteEndObject();
    }

    private static string AggregatorType(RollupColumn column)
    {
        var isDouble = column.Type.Kind is ValueKind.Double or ValueKind.Decimal;
        return column.Metric!.Kind switch
        {
            AggregatorKind.Count or AggregatorKind.CountValues => "longSum",
            AggregatorKind.Sum => isDouble ? "doubleSum" : "longSum",
            AggregatorKind.Min => isDouble ? "doubleMin" : "longMin",
            AggregatorKind.Max => isDouble ? "doubleMax" : "longMax",
            AggregatorKind.ApproxQuantile => "quantilesDoublesSketch",
            _ => "hyperUnique",
        };
    }
}
