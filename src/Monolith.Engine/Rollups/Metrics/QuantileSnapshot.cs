using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Sketches;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>Published quantile sketches; a bare read returns the quantile the metric declared (0.5 if none).</summary>
internal sealed class QuantileSnapshot(RollupMetric metric, ColumnType inputType,
    ColumnSnapshot<QuantileSketch?> sketches)
    : MetricSnapshot(metric, inputType, ColumnType.Double)
{
    public ColumnSnapshot<QuantileSketch?> Sketches { get; } = sketches;

    public override QueryValue Final(int group, long rowCount)
    {
        var sketch = Sketches[group];
        if (sketch is null)
        {
            return QueryValue.Null;
        }

        var quantile = QuantileSketch.Quantile(ToDictionary(sketch.Negative), sketch.Zero,
            ToDictionary(sketch.Positive),
            Metric.Probability ?? 0.5);
        return double.IsNaN(quantile) ? QueryValue.Null : QueryValue.FromDouble(quantile);
    }

    public static Dictionary<int, long> ToDictionary(CountMap<int> map)
    {
        var result = new Dictionary<int, long>(map.Count);
        var keys = map.Keys;
        var counts = map.Counts;
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i] != 0)
            {
                result[keys[i]] = counts[i];
            }
        }

        return result;
    }
}
