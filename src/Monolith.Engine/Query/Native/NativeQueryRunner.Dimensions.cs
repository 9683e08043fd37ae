using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

internal static partial class NativeQueryRunner
{
    /// <summary>The longest a regular expression of an extraction function may take on one value.</summary>
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>A dimension spec: how each rollup group maps to a grouping key, and the key's output name.</summary>
    private sealed record DimensionSpec(KeyPart Key, string OutputName);

    /// <summary>
    /// Reads a dimension spec: a dimension's name, <c>{"type": "default", ...}</c>, or
    /// <c>{"type": "extraction", "extractionFn": ...}</c>. Extraction functions: <c>timeFormat</c> over
    /// <c>__time</c> (as Druid's clients split by time inside topN and groupBy), and <c>substring</c>,
    /// <c>strlen</c>, <c>upper</c>, <c>lower</c>, <c>regex</c>, <c>partial</c> and <c>cascade</c> over a
    /// dimension. Each is evaluated once per dictionary value or time bucket, and a time format whose granularity
    /// would split rollup buckets is refused as inexact.
    /// </summary>
    private static DimensionSpec Dimension(Context context, JsonElement spec, string path)
    {
        if (spec.ValueKind == JsonValueKind.String)
        {
            var plain = spec.GetString()!;
            return new DimensionSpec(DimensionKey(context, plain, path), plain);
        }

        NativeJson.Object(spec, path);
        var type = NativeJson.OptionalString(spec, "type", path) ?? "default";
        var name = NativeJson.String(spec, "dimension", path);
        var output = NativeJson.OptionalString(spec, "outputName", path) ?? name;
        switch (type)
        {
            case "default":
                return new DimensionSpec(DimensionKey(context, name, path), output);
            case "extraction":
                var slot = NativeAggregations.Slot(context.Layout, name, $"{path}.dimension");
                if (context.Layout.IsMetric(slot))
                {
                    throw NativeJson.Error($"{path}.dimension", $"'{name}' is a metric of '{context.DataSource}'");
                }

                var column = context.Layout.Column(slot);
                Expr source = new ColumnExpr(slot, column.Type, column.Name);
                var expr = Extraction(source, NativeJson.Required(spec, "extractionFn", path), $"{path}.extractionFn");
                var text = $"{path}: the extraction '{output}'";
                try
                {
                    return new DimensionSpec(KeyParts.For(expr, context.Layout, text), output);
                }
                catch (QueryException e)
                {
                    throw new QueryException(e.Code, $"{path}: {e.Problem}", e);
                }

            default:
                throw NativeJson.Unsupported($"{path}.type",
                    $"dimension spec type '{type}' is not supported (default and extraction are)");
        }
    }

    private static KeyPart DimensionKey(Context context, string name, string path)
    {
        var slot = NativeAggregations.Slot(context.Layout, name, path);
        if (!context.Layout.IsDimension(slot))
        {
            throw NativeJson.Error(path, $"'{name}' is not a dimension of '{context.DataSource}'");
        }

        return KeyParts.ForDimension(context.Version, context.Layout.DimensionIndex(slot));
    }

    /// <summary>An extraction function applied to <paramref name="input"/>, as an expression.</summary>
    private static Expr Extraction(Expr input, JsonElement fn, string path)
    {
        NativeJson.Object(fn, path);
        var type = NativeJson.String(fn, "type", path);
        var isTime = input is ColumnExpr { Slot: RollupLayout.TimeSlot } || input.Type.Kind == ValueKind.Timestamp;
        if (type == "timeFormat")
        {
            if (!isTime)
            {
                throw NativeJson.Unsupported($"{path}.type",
                    "timeFormat applies to __time here; dimensions are not parsed as times");
            }

            return TimeFormat(input, fn, path);
        }

        if (type == "cascade")
        {
            var index = 0;
            foreach (var inner in NativeJson.Array(fn, "extractionFns", path))
            {
                input = Extraction(input, inner, NativeJson.Index($"{path}.extractionFns", index++));
            }

            return input;
        }

        if (isTime)
        {
            throw NativeJson.Unsupported($"{path}.type",
                $"extraction function '{type}' over __time is not supported (timeFormat is)");
        }

        Func<string, string?> body = type switch
        {
            "substring" => Substring(fn, path),
            "strlen" => value => value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "upper" => value => value.ToUpperInvariant(),
            "lower" => value => value.ToLowerInvariant(),
            "regex" => RegexExtraction(fn, path),
            "partial" => Partial(fn, path),
            _ => throw NativeJson.Unsupported($"{path}.type",
                $"extraction function '{type}' is not supported (timeFormat, substring, strlen, upper, lower, " +
                "regex, partial and cascade are)"),
        };
        return new FunctionExpr(type, [input], ColumnType.String, a =>
        {
            // Druid extracts from a value's text; NULL stays NULL except for strlen, which counts it as empty.
            if (a[0].IsNull)
            {
                return type == "strlen" ? QueryValue.FromString("0") : QueryValue.Null;
            }

            return body(a[0].Kind == ValueKind.String ? a[0].String : a[0].ToString()) is { } result
                ? QueryValue.FromString(result)
                : QueryValue.Null;
        });
    }

    /// <summary>Druid's timeFormat: the bucket of <c>granularity</c> (none when absent), formatted with a Joda
    /// pattern (ISO-8601 when absent) on the wall clock of <c>timeZone</c> (UTC when absent).</summary>
    private static FunctionExpr TimeFormat(Expr input, JsonElement fn, string path)
    {
        var pattern = NativeJson.OptionalString(fn, "format", path);
        if (pattern is not null)
        {
            try
            {
                Functions.FormatTime(0, pattern, 0);
            }
            catch (QueryException e)
            {
                throw NativeJson.Error($"{path}.format", e.Problem);
            }
        }

        if (NativeJson.OptionalString(fn, "locale", path) is { } locale &&
            !locale.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            throw NativeJson.Unsupported($"{path}.locale", $"locale '{locale}' is not supported (English is)");
        }

        if (NativeJson.Bool(fn, "asMillis", path))
        {
            throw NativeJson.Unsupported($"{path}.asMillis", "asMillis applies to dimensions holding millis");
        }

        var granularity = NativeJson.Has(fn, "granularity", out var g)
            ? ParseGranularity(g, $"{path}.granularity")
            : Time.Granularity.None;
        if (granularity.Kind is not (GranularityKind.None or GranularityKind.All))
        {
            input = new TimeBucketExpr(input, granularity, ColumnType.Timestamp,
                (instant, bucketing) => QueryValue.FromTimestamp(bucketing.BucketStart(instant)), isFloor: true);
        }
        else if (granularity.Kind == GranularityKind.All)
        {
            input = new LiteralExpr(QueryValue.FromTimestamp(Time.Granularity.MinInstant), ColumnType.Timestamp);
        }

        var offsets = Zone(fn, path) is { } zone ? ZoneOffsets.For(zone) : null;
        return new FunctionExpr("timeFormat", [input], ColumnType.String, a => a[0].IsNull
            ? a[0]
            : QueryValue.FromString(Functions.FormatTime(a[0].Long, pattern, offsets?.OffsetAt(a[0].Long) ?? 0)));
    }

    private static Func<string, string?> Substring(JsonElement fn, string path)
    {
        var index = NativeJson.OptionalLong(fn, "index", path)
            ?? throw NativeJson.Error($"{path}.index", "is required");
        var length = NativeJson.OptionalLong(fn, "length", path);
        if (index < 0 || length is < 0)
        {
            throw NativeJson.Error(path, "index and length must not be negative");
        }

        return value =>
        {
            if (index >= value.Length)
            {
                return null;
            }

            var end = length is { } l ? Math.Min(value.Length, index + l) : value.Length;
            return value[(int)index..(int)end];
        };
    }

    private static Func<string, string?> RegexExtraction(JsonElement fn, string path)
    {
        var regex = Pattern(fn, path);
        var group = NativeJson.OptionalLong(fn, "index", path) ?? 1;
        if (group < 0 || group > regex.GetGroupNumbers().Max())
        {
            throw NativeJson.Error($"{path}.index", $"the pattern has no group {group}");
        }

        var replace = NativeJson.Bool(fn, "replaceMissingValue", path);
        var replacement = NativeJson.OptionalString(fn, "replaceMissingValueWith", path);
        return value => Matching(regex, value, path) is { } match
            ? match.Groups[(int)group].Value
            : replace ? replacement : value;
    }

    private static Func<string, string?> Partial(JsonElement fn, string path)
    {
        var regex = Pattern(fn, path);
        return value => Matching(regex, value, path) is null ? null : value;
    }

    private static Regex Pattern(JsonElement fn, string path)
    {
        var expression = NativeJson.String(fn, "expr", path);
        try
        {
            return new Regex(expression, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException e)
        {
            throw NativeJson.Error($"{path}.expr", $"'{expression}' is not a valid regular expression: {e.Message}");
        }
    }

    private static Match? Matching(Regex regex, string value, string path)
    {
        try
        {
            var match = regex.Match(value);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            throw NativeJson.Error($"{path}.expr",
                $"the regular expression took longer than {s_regexTimeout.TotalMilliseconds} ms on one value");
        }
    }
}
