using Monolith.Engine.Query.Expressions;

namespace Monolith.Engine.Query.Planning;

/// <summary>A row of values held in an array, as expressions over result or table rows read it.</summary>
internal sealed class OutputRow : IValueSource
{
    public QueryValue[] Values { get; set; } = [];

    public QueryValue Get(int slot) => Values[slot];
}
