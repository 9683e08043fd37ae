namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>The query-time aggregate functions.</summary>
internal enum AggregateFunction
{
    Count,
    Sum,
    Min,
    Max,
    Avg,
    CountDistinct,
    ApproxCountDistinct,
    ApproxQuantile,
}
