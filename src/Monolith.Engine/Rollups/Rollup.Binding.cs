using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups;

public sealed partial class Rollup
{
    private ColumnType?[]? _dimensionTypes;
    private ColumnType?[]? _metricTypes;

    /// <summary>The Arrow schema the rollup is bound to, or null before the first batch.</summary>
    public Schema? InputSchema => _schema;

    /// <summary>Field positions of the rollup's columns in one Arrow schema.</summary>
    private sealed record Binding(int Time, int Weight, int[] Dimensions, int[] Metrics);

    private Binding Bind(Schema schema)
    {
        if (_binding is not null && ReferenceEquals(schema, _schema))
        {
            return _binding;
        }

        var time = Field(schema, RollupDefinition.TimeColumn, out var timeType);
        if (timeType is not (Int64Type or TimestampType))
        {
            throw new RollupSchemaException(Name, RollupDefinition.TimeColumn,
                $"expected Int64 or Timestamp epoch milliseconds but found {timeType.Name}");
        }

        var weight = Field(schema, RollupDefinition.WeightColumn, out var weightType);
        if (weightType is not Int8Type)
        {
            throw new RollupSchemaException(Name, RollupDefinition.WeightColumn,
                $"expected Int8 but found {weightType.Name}");
        }

        var dimensions = new int[Definition.Dimensions.Count];
        var dimensionTypes = new ColumnType?[dimensions.Length];
        for (var d = 0; d < dimensions.Length; d++)
        {
            var name = Definition.Dimensions[d].Name;
            dimensions[d] = Field(schema, name, out var type);
            dimensionTypes[d] = ArrowColumns.TypeOf(type) is { } mapped
                && DimensionDictionary.Create(mapped) is not null
                ? mapped
                : throw new RollupSchemaException(Name, name, $"{type.Name} cannot be a dimension");
        }

        var metrics = new int[Definition.Metrics.Count];
        var metricTypes = new ColumnType?[metrics.Length];
        for (var m = 0; m < metrics.Length; m++)
        {
            var metric = Definition.Metrics[m];
            if (!metric.HasArgument)
            {
                metrics[m] = -1;
                metricTypes[m] = ColumnType.Long;
                continue;
            }

            metrics[m] = Field(schema, metric.Name, out var type);
            metricTypes[m] = ArrowColumns.TypeOf(type) ??
                             throw new RollupSchemaException(Name, metric.Name, $"{type.Name} cannot be aggregated");
            CheckAggregable(metric, metricTypes[m]!.Value, type);
        }

        if (_dimensionTypes is null)
        {
            CreateState(dimensionTypes, metricTypes);
        }
        else
        {
            CheckUnchanged(dimensionTypes, metricTypes);
        }

        _schema = schema;
        _binding = new Binding(time, weight, dimensions, metrics);
        return _binding;
    }

    private int Field(Schema schema, string name, out IArrowType type)
    {
        var index = schema.GetFieldIndex(name);
        if (index < 0)
        {
            throw new RollupSchemaException(Name, name, "the batch has no such column");
        }

        type = schema.GetFieldByIndex(index).DataType;
        return index;
    }

    private void CheckAggregable(RollupMetric metric, ColumnType type, IArrowType arrowType)
    {
        var ok = metric.Kind switch
        {
            AggregatorKind.Sum or AggregatorKind.Avg or AggregatorKind.ApproxQuantile => type.IsNumeric,
            AggregatorKind.Min or AggregatorKind.Max =>
                (type.IsNumeric || type.Kind == ValueKind.Timestamp) && !(type.Kind == ValueKind.Decimal
                    && type.Precision > 38),
            AggregatorKind.CountDistinct => DimensionDictionary.Create(type) is not null,
            _ => true,
        };
        if (!ok)
        {
            throw new RollupSchemaException(Name, metric.Name, $"{metric.Function} cannot aggregate {arrowType.Name}");
        }
    }

    private void CreateState(ColumnType?[] dimensionTypes, ColumnType?[] metricTypes)
    {
        for (var d = 0; d < dimensionTypes.Length; d++)
        {
            _dictionaries[d] = DimensionDictionary.Create(dimensionTypes[d]!.Value);
        }

        for (var m = 0; m < metricTypes.Length; m++)
        {
            var metric = Definition.Metrics[m];
            var type = metricTypes[m]!.Value;
            _metrics[m] = metric.Kind switch
            {
                AggregatorKind.Count => null,
                AggregatorKind.CountValues => new CountValuesState(metric, type),
                AggregatorKind.Sum or AggregatorKind.Avg => new SumState(metric, type),
                AggregatorKind.Min or AggregatorKind.Max => MinMax(metric, type, m),
                AggregatorKind.CountDistinct => new CountDistinctState(metric, type, DimensionDictionary.Create(type)!),
                AggregatorKind.ApproxCountDistinct =>
                    new ApproxDistinctState(metric, type, Definition.Options.ExactDistinctLimit),
                _ => new QuantileState(metric, type),
            };
            _metrics[m]?.EnsureCapacity(_groups.Count);
        }

        _dimensionTypes = dimensionTypes;
        _metricTypes = metricTypes;
    }

    /// <summary>MIN or MAX state, shared with an earlier MAX or MIN of the same expression when there is one.
    /// Decimals of up to 18 digits compare as 64-bit keys.</summary>
    private MetricState MinMax(RollupMetric metric, ColumnType type, int index)
    {
        var wide = type.Kind == ValueKind.Decimal && type.Precision > 18;
        for (var m = 0; m < index; m++)
        {
            switch (_metrics[m])
            {
                case MinMaxState<long> longs when !wide && longs.CanPair(metric, type):
                    return longs.Pair(metric);
                case MinMaxState<Int128> decimals when wide && decimals.CanPair(metric, type):
                    return decimals.Pair(metric);
            }
        }

        return wide ? new MinMaxState<Int128>(metric, type) : new MinMaxState<long>(metric, type);
    }

    private void CheckUnchanged(ColumnType?[] dimensionTypes, ColumnType?[] metricTypes)
    {
        for (var d = 0; d < dimensionTypes.Length; d++)
        {
            if (dimensionTypes[d] != _dimensionTypes![d])
            {
                throw new RollupSchemaException(Name, Definition.Dimensions[d].Name,
                    $"type changed from {_dimensionTypes[d]} to {dimensionTypes[d]}");
            }
        }

        for (var m = 0; m < metricTypes.Length; m++)
        {
            if (metricTypes[m] != _metricTypes![m])
            {
                throw new RollupSchemaException(Name, Definition.Metrics[m].Name,
                    $"type changed from {_metricTypes[m]} to {metricTypes[m]}");
            }
        }
    }

    private List<RollupColumn> Columns()
    {
        var columns = new List<RollupColumn>
        {
            new(RollupDefinition.TimeColumn, RollupColumnRole.Time, ColumnType.Timestamp),
        };
        for (var d = 0; d < Definition.Dimensions.Count; d++)
        {
            columns.Add(new RollupColumn(Definition.Dimensions[d].Name, RollupColumnRole.Dimension,
                _dimensionTypes?[d] ?? new ColumnType(ValueKind.Unknown)));
        }

        for (var m = 0; m < Definition.Metrics.Count; m++)
        {
            var metric = Definition.Metrics[m];
            var type = metric.Kind == AggregatorKind.Count ? ColumnType.Long
                : _metrics[m]?.ResultType ?? new ColumnType(ValueKind.Unknown);
            columns.Add(new RollupColumn(metric.Name, RollupColumnRole.Metric, type, metric));
        }

        return columns;
    }
}
