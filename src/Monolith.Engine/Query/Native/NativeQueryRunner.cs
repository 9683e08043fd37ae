using System.Buffers;
using System.Text.Json;
using Monolith.Engine.Query.Execution;
using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Query.Planning;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

/// <summary>
/// Druid's native JSON queries over rollups: timeseries, topN, groupBy, timeBoundary and segmentMetadata, with
/// responses in Druid's shapes. Filters, intervals and aggregations share the SQL engine's exactness rules; the
/// query context is accepted and ignored except for timeseries' <c>skipEmptyBuckets</c>.
/// </summary>
internal static partial class NativeQueryRunner
{
    public static ArrayBufferWriter<byte> Run(RollupStore store, QueryEngineOptions options, ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new QueryException(QueryErrorCode.InvalidInput, $"the query is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = NativeJson.Object(document.RootElement, "query");
            var type = NativeJson.String(root, "queryType", "query");
            var context = Open(root, store, options);
            return type switch
            {
                "timeseries" => Timeseries(context),
                "topN" => TopN(context),
                "groupBy" => GroupBy(context),
                "timeBoundary" => TimeBoundary(context),
                "segmentMetadata" => SegmentMetadata(context),
                _ => throw NativeJson.Unsupported("queryType",
                    $"'{type}' is not supported (timeseries, topN, groupBy, timeBoundary, segmentMetadata are)"),
            };
        }
    }

    private sealed record Context(JsonElement Root, RollupStore Store, QueryEngineOptions Options, RollupLayout Layout)
    {
        public RollupVersion Version => Layout.Version;

        public string DataSource => Version.Definition.Name;
    }

    private static Context Open(JsonElement root, RollupStore store, QueryEngineOptions options)
    {
        var source = NativeJson.Required(root, "dataSource", "query");
        var name = source.ValueKind == JsonValueKind.String ? source.GetString()!
            : NativeJson.String(NativeJson.Object(source, "dataSource"), "name", "dataSource");
        if (source.ValueKind == JsonValueKind.Object && NativeJson.OptionalString(source, "type",
            "dataSource") is { } kind &&
            kind != "table")
        {
            throw NativeJson.Unsupported("dataSource.type", $"data source type '{kind}' is not supported");
        }

        if (!store.TryGet(name, out var rollup))
        {
            throw NativeJson.Error("dataSource", $"'{name}' is not a rollup of this instance");
        }

        return new Context(root, store, options, new RollupLayout(rollup.Current)
        {
            Tiers = options.UseTiers ? Rollups.Tiers.RollupTiers.Of(rollup) : null,
        });
    }

    internal static DruidInterval Interval(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw NativeJson.Error(path, "must be an ISO-8601 interval string");
        }

        try
        {
            return DruidInterval.Parse(value.GetString()!);
        }
        catch (FormatException e)
        {
            throw NativeJson.Error(path, e.Message);
        }
    }

    private static List<DruidInterval>? Intervals(Context context, bool required)
    {
        if (!NativeJson.Has(context.Root, "intervals", out var intervals))
        {
            return required ? throw NativeJson.Error("intervals", "is required") : null;
        }

        if (intervals.ValueKind == JsonValueKind.Object)
        {
            intervals = NativeJson.Required(intervals, "intervals", "intervals");
        }

        return intervals.ValueKind switch
        {
            JsonValueKind.String => [Interval(intervals, "intervals")],
            JsonValueKind.Array => intervals.EnumerateArray().Select((i, n) => Interval(i,
                NativeJson.Index("intervals", n))).ToList(),
            _ => throw NativeJson.Error("intervals", "must be an interval string or an array of them"),
        };
    }

    /// <summary>The query's groups: within its intervals and passing its filter; and the time range that
    /// implies.</summary>
    private static (GroupFilter? Filter, TimeRange Range) Filter(Context context,
        IReadOnlyList<DruidInterval>? intervals)
    {
        var parts = new List<Sql.Ast.SqlExpression>();
        if (intervals is not null)
        {
            parts.Add(NativeFilters.Intervals(intervals));
        }

        if (NativeJson.Has(context.Root, "filter", out var filter))
        {
            parts.Add(NativeFilters.ToSql(filter, "filter"));
        }

        if (parts.Count == 0)
        {
            return (null, TimeRange.All);
        }

        var condition = parts.Aggregate((a, b) => new Sql.Ast.SqlBinaryExpression(0, Sql.Ast.SqlBinaryOperator.And, a,
            b));
        var expr = Compile(context, condition, "filter");
        var residual = TimeRange.Residual(expr);
        return (residual is null ? null : GroupFilters.Build(residual, context.Layout), TimeRange.Of(expr));
    }

    private static Expr Compile(Context context, Sql.Ast.SqlExpression condition, string path)
    {
        var scope = new GroupScope(context.Layout, new HashSet<string> { context.DataSource }, "a filter");
        try
        {
            var now = context.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            return new ExpressionCompiler(string.Empty, scope, now).CompileCondition(condition, "a filter");
        }
        catch (QueryException e)
        {
            throw new QueryException(e.Code, $"{path}: {e.Problem}", e);
        }
    }

    private static GroupFilter AggregatorFilter(Context context, JsonElement filter, string path) =>
        GroupFilters.Build(Compile(context, NativeFilters.ToSql(filter, path), path), context.Layout);

    private static Granularity Granularity(Context context) =>
        NativeJson.Has(context.Root, "granularity", out var value)
            ? ParseGranularity(value, "granularity")
            : Time.Granularity.All;

    /// <summary>A granularity spec: a simple name (<c>hour</c>), or a period or duration object.</summary>
    private static Granularity ParseGranularity(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Time.Granularity.TryParseSimple(value.GetString(), out var simple)
                ? simple
                : throw NativeJson.Error(path, $"'{value.GetString()}' is not a Druid granularity");
        }

        var type = NativeJson.String(NativeJson.Object(value, path), "type", path);
        long? origin = NativeJson.OptionalString(value, "origin", path) is { } o
            ? DruidTime.TryParseIso(o, out var millis) ? millis : throw NativeJson.Error($"{path}.origin",
            $"'{o}' is not an ISO-8601 date-time")
            : null;
        switch (type)
        {
            case "period":
                var text = NativeJson.String(value, "period", path);
                if (!IsoPeriod.TryParse(text, out var period))
                {
                    throw NativeJson.Error($"{path}.period", $"'{text}' is not an ISO-8601 period");
                }

                return Time.Granularity.Of(period, Zone(value, path), origin);
            case "duration":
                var duration = NativeJson.OptionalLong(value, "duration", path) is { } d and > 0
                    ? d
                    : throw NativeJson.Error($"{path}.duration", "must be a positive number of milliseconds");
                return Time.Granularity.OfDuration(duration, origin ?? 0);
            default:
                return Time.Granularity.TryParseSimple(type, out var named)
                    ? named
                    : throw NativeJson.Error($"{path}.type", $"'{type}' is not a Druid granularity");
        }
    }

    /// <summary>The optional <c>timeZone</c> of a spec: an IANA id, UTC when absent.</summary>
    private static TimeZoneInfo? Zone(JsonElement spec, string path)
    {
        TimeZoneInfo? zone = null;
        if (NativeJson.OptionalString(spec, "timeZone", path) is { } id && !SqlTimeFloor.TryFindZone(id, out zone))
        {
            throw NativeJson.Error($"{path}.timeZone", $"'{id}' is not a known time zone");
        }

        return zone;
    }

    /// <summary>The time key of a granularity: buckets of the query granularity, proven to contain whole rollup
    /// buckets.</summary>
    private static KeyPart TimeKey(Context context, Granularity granularity) =>
        granularity.Kind == GranularityKind.None
            ? KeyParts.For(new ColumnExpr(RollupLayout.TimeSlot, ColumnType.Timestamp, "__time"), context.Layout,
            "__time")
            : KeyParts.ForGranularity(granularity, context.Version, $"granularity {granularity}");

    private static ArrayBufferWriter<byte> Json(Action<Utf8JsonWriter> write) => Results.JsonValues.Buffer(write);
}
