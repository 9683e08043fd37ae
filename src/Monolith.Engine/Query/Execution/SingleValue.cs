using Monolith.Engine.Query.Expressions;

namespace Monolith.Engine.Query.Execution;

/// <summary>A row that has a value in one slot only: used to evaluate a predicate once per dictionary value.</summary>
internal sealed class SingleValue(int slot) : IValueSource
{
    public QueryValue Value { get; set; }

    public QueryValue Get(int requested) =>
        requested == slot ? Value
            : throw new InvalidOperationException($"slot {requested} read by a single-column predicate");
}
