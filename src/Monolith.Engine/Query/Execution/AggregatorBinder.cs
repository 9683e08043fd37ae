using Monolith.Engine.Query.Execution.Accumulators;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Tiers;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// Decides what an aggregate over a rollup column means and whether the rollup can answer it exactly. Over the
/// time and dimension columns (values every row of a group shares) COUNT, SUM, AVG, MIN, MAX and COUNT(DISTINCT)
/// are exact. Over metrics an aggregate must combine the metric's own intermediate values: SUM of SUM and COUNT
/// metrics, MIN of MIN, MAX of MAX, AVG of AVG, COUNT(DISTINCT) of an exact distinct metric, APPROX_COUNT_DISTINCT
/// of either distinct metric, APPROX_QUANTILE of a quantile sketch. Anything else (an average of per-bucket
/// sums, say) would answer a different question than the same SQL over the source table, and is refused.
/// </summary>
internal static class AggregatorBinder
{
    public static AggregatorSpec Bind(
        AggregateFunction function, bool distinct, int? slot, double probability, RollupLayout layout,
            GroupFilter? filter,
        string text)
    {
        var version = layout.Version;
        var rowCounts = version.RowCounts;
        if (slot is null || (slot == RollupLayout.TimeSlot && function == AggregateFunction.Count && !distinct))
        {
            if (function != AggregateFunction.Count)
            {
                throw Refuse($"{text} needs a column");
            }

            return new AggregatorSpec(text, ColumnType.Long, n => new RowCountAccumulator(rowCounts, null, n), filter)
            {
                Additive = new AdditiveAggregate(-1, null, null),
            };
        }

        var column = layout.Column(slot.Value);
        if (!layout.IsMetric(slot.Value))
        {
            return OverValue(function, distinct, slot.Value, column, layout, filter, text);
        }

        var metric = column.Metric!;
        var snapshot = version.Metrics[layout.MetricIndex(slot.Value)];
        var kind = metric.Kind;
        ColumnType type;
        Func<int, Accumulator> create;
        switch (function)
        {
            case AggregateFunction.Sum when kind is AggregatorKind.Count or AggregatorKind.CountValues:
                type = ColumnType.Long;
                create = n => snapshot is CountSnapshot counts
                    ? new RowCountAccumulator(counts.Counts, null, n)
                    : new NullAccumulator(type, QueryValue.FromLong(0));
                break;
            case AggregateFunction.Sum when kind == AggregatorKind.Sum:
            case AggregateFunction.Avg when kind == AggregatorKind.Avg:
                var average = function == AggregateFunction.Avg;
                type = average ? ColumnType.Double : column.Type;
                create = n => snapshot is SumSnapshot sums
                    ? new SumAccumulator(sums, rowCounts, average, n)
                    : new NullAccumulator(type, QueryValue.Null);
                break;
            case AggregateFunction.Min when kind == AggregatorKind.Min:
            case AggregateFunction.Max when kind == AggregatorKind.Max:
                type = column.Type;
                create = n => snapshot switch
                {
                    MinMaxSnapshot<long> longs => new MinMaxAccumulator<long>(longs, rowCounts, n),
                    MinMaxSnapshot<Int128> decimals => new MinMaxAccumulator<Int128>(decimals, rowCounts, n),
                    _ => new NullAccumulator(type, QueryValue.Null),
                };
                break;
            case AggregateFunction.CountDistinct when kind == AggregatorKind.CountDistinct:
            case AggregateFunction.ApproxCountDistinct when kind == AggregatorKind.CountDistinct:
                type = ColumnType.Long;
                create = n => snapshot is DistinctSetSnapshot sets
                    ? new DistinctAccumulator(sets, n)
                    : new NullAccumulator(type, QueryValue.FromLong(0));
                break;
            case AggregateFunction.ApproxCountDistinct when kind == AggregatorKind.ApproxCountDistinct:
                type = ColumnType.Long;
                create = n => snapshot is DistinctSketchSnapshot sketches
                    ? new SketchDistinctAccumulator(sketches, n)
                    : new NullAccumulator(type, QueryValue.FromLong(0));
                break;
            case AggregateFunction.ApproxQuantile when kind == AggregatorKind.ApproxQuantile:
                type = ColumnType.Double;
                create = n => snapshot is QuantileSnapshot quantiles
                    ? new QuantileAccumulator(quantiles, probability, n)
                    : new NullAccumulator(type, QueryValue.Null);
                break;
            case AggregateFunction.CountDistinct when kind == AggregatorKind.ApproxCountDistinct:
                throw Refuse($"{text}: metric '{metric.Name}' is an approximate sketch ({metric.Function}); " +
                             $"use APPROX_COUNT_DISTINCT({metric.Name})");
            case AggregateFunction.Count:
                throw Refuse($"{text}: '{metric.Name}' is a metric; COUNT(*) counts source rows and " +
                             "SUM of a COUNT metric adds its counts");
            case AggregateFunction.Avg when kind == AggregatorKind.Sum:
                throw Refuse($"{text} would average the rollup's per-bucket sums, not the source rows; write " +
                             $"SUM({metric.Name}) / COUNT(*) or declare AVG in the rollup");
            default:
                throw Refuse($"{text}: '{metric.Name}' is a {metric.Function} metric and cannot be combined with " +
                             $"{Name(function)} exactly");
        }

        return new AggregatorSpec(text, type, create, filter) {
            Additive = Additive(function, kind, layout.MetricIndex(slot.Value), snapshot),
            Deferrable = function is AggregateFunction.CountDistinct or AggregateFunction.ApproxCountDistinct
                or AggregateFunction.ApproxQuantile,
        };
    }

    private static AdditiveAggregate? Additive(AggregateFunction function, AggregatorKind kind, int metric,
        MetricSnapshot? snapshot) => function switch
    {
        AggregateFunction.Sum when kind == AggregatorKind.Count => new AdditiveAggregate(metric, null, null),
        AggregateFunction.Sum when snapshot is SumSnapshot { Mode: SumMode.Integer, IsAverage: false } sums =>
            new AdditiveAggregate(metric, sums, null),
        AggregateFunction.Min when kind == AggregatorKind.Min && ExtremeReader.Of(snapshot) is { } least =>
            new AdditiveAggregate(metric, null, least),
        AggregateFunction.Max when kind == AggregatorKind.Max && ExtremeReader.Of(snapshot) is { } greatest =>
            new AdditiveAggregate(metric, null, greatest),
        _ => null,
    };

    private static AggregatorSpec OverValue(AggregateFunction function, bool distinct, int slot, RollupColumn column,
        RollupLayout layout, GroupFilter? filter, string text)
    {
        var version = layout.Version;
        var isTime = slot == RollupLayout.TimeSlot;
        var ids = isTime ? default : version.Dimensions[layout.DimensionIndex(slot)];
        switch (function)
        {
            case AggregateFunction.Count when !distinct:
                return new AggregatorSpec(text, ColumnType.Long,
                    n => new RowCountAccumulator(version.RowCounts, ids, n), filter);
            case AggregateFunction.Count or AggregateFunction.CountDistinct or AggregateFunction.ApproxCountDistinct
                when !isTime:
                return new AggregatorSpec(text, ColumnType.Long, n => new DistinctAccumulator(ids, n), filter)
                {
                    Deferrable = true,
                };
            case AggregateFunction.Min or AggregateFunction.Max:
                return new AggregatorSpec(text, column.Type,
                    n => new ValueAccumulator(function, layout, slot, column.Type, n), filter);
            case AggregateFunction.Sum or AggregateFunction.Avg when column.Type.IsNumeric:
                var type = function == AggregateFunction.Avg ? ColumnType.Double
                    : column.Type.Kind == ValueKind.Decimal ? ColumnType.Decimal(38, column.Type.Scale)
                    : column.Type.Kind == ValueKind.Double ? ColumnType.Double : ColumnType.Long;
                return new AggregatorSpec(text, type, n => new ValueAccumulator(function, layout, slot, type, n),
                    filter);
            default:
                throw Refuse($"{text} is not supported over {(isTime ? "__time" : $"dimension '{column.Name}'")} " +
                             $"of type {column.Type.SqlTypeName}");
        }
    }

    private static string Name(AggregateFunction function) => function switch
    {
        AggregateFunction.CountDistinct => "COUNT(DISTINCT)",
        AggregateFunction.ApproxCountDistinct => "APPROX_COUNT_DISTINCT",
        AggregateFunction.ApproxQuantile => "APPROX_QUANTILE",
        _ => function.ToString().ToUpperInvariant(),
    };

    private static QueryException Refuse(string message) => new(QueryErrorCode.Unsupported, message);
}
