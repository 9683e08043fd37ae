namespace Monolith.Engine.Query.Native;

/// <summary>A native post-aggregation: its output name and how it is computed from the row's earlier values.</summary>
internal sealed record NativePostAggregator(string Name, Func<IReadOnlyDictionary<string, QueryValue>,
    QueryValue> Compute);
