using System.Buffers;
using System.Text.Json;
using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

internal static partial class NativeQueryRunner
{
    /// <summary>The parts every aggregating native query shares.</summary>
    private sealed record Plan(
        Granularity Granularity,
        IReadOnlyList<DruidInterval> Intervals,
        GroupFilter? Filter,
        TimeRange Range,
        List<NativeAggregator> Aggregators,
        List<NativePostAggregator> PostAggregators);

    private static Plan Prepare(Context context)
    {
        var intervals = Intervals(context, required: true)!;
        var aggregators = NativeAggregations.Parse(context.Root, context.Layout, (f, p) => AggregatorFilter(context,
            f, p));
        var posts = NativeAggregations.PostAggregators(context.Root, aggregators.Select(a => a.Name).ToList());
        var (filter, range) = Filter(context, intervals);
        return new Plan(Granularity(context), intervals, filter, range, aggregators, posts);
    }

    /// <summary>Runs the aggregation; with granularity "all" the last aggregate is MIN(__time), for the
    /// timestamp.</summary>
    private static AggregationResult Aggregate(Context context, Plan plan, IReadOnlyList<KeyPart> keys)
    {
        var specs = plan.Aggregators.Select(a => a.Spec).ToList();
        if (plan.Granularity.Kind == GranularityKind.All)
        {
            specs.Add(AggregatorBinder.Bind(AggregateFunction.Min, false, RollupLayout.TimeSlot, 0.5, context.Layout,
                null,
                "MIN(__time)"));
        }

        return Aggregation.Run(context.Version, plan.Filter, plan.Range, keys, specs, alwaysOneRow: false,
            context.Options.MaxGroups, context.Layout.Tiers);
    }

    /// <summary>The timestamps Druid shows per slot: the bucket start, or for "all" the later of the query's start
    /// and the earliest data it selected (the same for every row).</summary>
    private static long[] Timestamps(Plan plan, AggregationResult result)
    {
        var stamps = new long[result.SlotCount];
        if (plan.Granularity.Kind != GranularityKind.All)
        {
            for (var slot = 0; slot < stamps.Length; slot++)
            {
                stamps[slot] = result.Keys[0][slot].Long;
            }

            return stamps;
        }

        var earliest = long.MaxValue;
        foreach (var first in result.Aggregates[^1])
        {
            if (!first.IsNull)
            {
                earliest = Math.Min(earliest, first.Long);
            }
        }

        var start = plan.Intervals.Count == 0 ? Time.Granularity.MinInstant : plan.Intervals.Min(i => i.Start);
        Array.Fill(stamps, earliest == long.MaxValue ? start : Math.Max(start, earliest));
        return stamps;
    }

    private static void AddMetrics(NativeRow row, Plan plan, AggregationResult result, int slot)
    {
        for (var a = 0; a < plan.Aggregators.Count; a++)
        {
            var aggregator = plan.Aggregators[a];
            row.Add(aggregator.Name, aggregator.Present(result.Aggregates[a][slot]));
        }

        AddPostAggregations(row, plan);
    }

    private static void AddPostAggregations(NativeRow row, Plan plan)
    {
        foreach (var post in plan.PostAggregators)
        {
            row.Add(post.Name, post.Compute(row.ByName));
        }
    }

    private static ArrayBufferWriter<byte> Timeseries(Context context)
    {
        var plan = Prepare(context);
        var result = Aggregate(context, plan, [TimeKey(context, plan.Granularity)]);
        var stamps = Timestamps(plan, result);
        var rows = new SortedDictionary<long, NativeRow>();
        for (var slot = 0; slot < result.SlotCount; slot++)
        {
            var row = new NativeRow(stamps[slot]);
            AddMetrics(row, plan, result, slot);
            rows[row.Timestamp] = row;
        }

        if (!SkipEmptyBuckets(context) && plan.Granularity.Kind is GranularityKind.Period or GranularityKind.Duration)
        {
            FillEmptyBuckets(context, plan, rows);
        }
        else if (rows.Count == 0 && plan.Granularity.Kind == GranularityKind.All && !SkipEmptyBuckets(context))
        {
            // Druid answers a grand total over no rows with one row of empty aggregates (0 counts, null sums),
            // stamped with the start of the query's first interval, as SQL's aggregate without GROUP BY does.
            var start = plan.Intervals.Count == 0 ? Time.Granularity.MinInstant : plan.Intervals[0].Start;
            rows[0] = EmptyRow(plan, start == Time.Granularity.MinInstant ? 0 : start);
        }

        var ordered = NativeJson.Bool(context.Root, "descending", "query") ? rows.Values.Reverse() : rows.Values;
        if (NativeJson.OptionalLong(context.Root, "limit", "query") is { } limit)
        {
            ordered = ordered.Take((int)Math.Min(limit, int.MaxValue));
        }

        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in ordered)
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp", DruidTime.FormatIso(row.Timestamp));
                writer.WriteStartObject("result");
                row.WriteFields(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>A row of the aggregates over no rows, and the post-aggregations computed from them.</summary>
    private static NativeRow EmptyRow(Plan plan, long timestamp, IReadOnlyList<QueryValue>? empty = null)
    {
        empty ??= plan.Aggregators.Select(a => a.Spec.Create(1).Result(0)).ToList();
        var row = new NativeRow(timestamp);
        for (var a = 0; a < plan.Aggregators.Count; a++)
        {
            row.Add(plan.Aggregators[a].Name, plan.Aggregators[a].Present(empty[a]));
        }

        AddPostAggregations(row, plan);
        return row;
    }

    private static bool SkipEmptyBuckets(Context context) =>
        NativeJson.Has(context.Root, "context", out var queryContext)
            && queryContext.ValueKind == JsonValueKind.Object &&
        queryContext.TryGetProperty("skipEmptyBuckets", out var skip) &&
        (skip.ValueKind == JsonValueKind.True || (skip.ValueKind == JsonValueKind.String
            && skip.GetString() == "true"));

    /// <summary>
    /// Druid's timeseries returns every bucket of the query intervals, with empty aggregates where there is no
    /// data, within the span the data covers (the rollup's earliest to latest bucket, whatever the filter).
    /// </summary>
    private static void FillEmptyBuckets(Context context, Plan plan, SortedDictionary<long, NativeRow> rows)
    {
        var version = context.Version;
        long first = long.MaxValue, last = long.MinValue;
        for (var chunk = 0; chunk < version.RowCounts.ChunkCount; chunk++)
        {
            var counts = version.RowCounts.Chunk(chunk);
            var times = version.Time.Chunk(chunk);
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    first = Math.Min(first, times[i]);
                    last = Math.Max(last, times[i]);
                }
            }
        }

        if (first > last)
        {
            return;
        }

        var dataEnd = version.Definition.Granularity.Next(last);
        var empty = plan.Aggregators.Select(a => a.Spec.Create(1).Result(0)).ToList();
        foreach (var interval in plan.Intervals)
        {
            var start = Math.Max(interval.Start, first);
            var end = Math.Min(interval.End, dataEnd);
            for (var bucket = plan.Granularity.BucketStart(start); bucket < end; bucket = plan.Granularity.Next(bucket))
            {
                if (rows.ContainsKey(bucket))
                {
                    continue;
                }

                if (rows.Count >= context.Options.MaxResultRows)
                {
                    throw new QueryException(QueryErrorCode.CapacityExceeded,
                        $"the timeseries has more than {context.Options.MaxResultRows} buckets; use a coarser " +
                            $"granularity " +
                        "or skipEmptyBuckets");
                }

                rows[bucket] = EmptyRow(plan, bucket, empty);
            }
        }
    }
}
