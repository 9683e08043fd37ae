using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Rollups;

/// <summary>
/// An aggregate column of a rollup.
/// </summary>
/// <param name="Name">Output name; also the name of the argument column the transform stage delivers.</param>
/// <param name="Kind">The aggregator.</param>
/// <param name="Argument">The argument over the source row; null for <c>COUNT(*)</c>.</param>
/// <param name="Function">The SQL function as written, for messages and metadata.</param>
/// <param name="Probability">For quantile sketches, the quantile a bare read of the metric returns.</param>
public sealed record RollupMetric(
    string Name, AggregatorKind Kind, SqlExpression? Argument, string Function, double? Probability = null)
{
    /// <summary>True when the transform stage delivers an argument column for this metric.</summary>
    public bool HasArgument => Argument is not null;
}
