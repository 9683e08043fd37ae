namespace Monolith.Engine.Rollups;

/// <summary>A column of a rollup as queries see it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Role">Time, dimension or metric.</param>
/// <param name="Type">Type of the (finalised) values; <see cref="ValueKind.Unknown"/> until the first batch
/// unless the rollup was created with its input schema.</param>
/// <param name="Metric">For metrics, the metric definition.</param>
public sealed record RollupColumn(string Name, RollupColumnRole Role, ColumnType Type, RollupMetric? Metric = null);
