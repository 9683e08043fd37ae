using Monolith.Engine.Query.Execution;

namespace Monolith.Engine.Query.Native;

/// <summary>A native aggregation: its output name, the aggregator, and how its value is presented.</summary>
internal sealed record NativeAggregator(string Name, AggregatorSpec Spec, Func<QueryValue, QueryValue> Present);
