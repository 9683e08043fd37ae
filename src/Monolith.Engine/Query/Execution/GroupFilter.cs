namespace Monolith.Engine.Query.Execution;

/// <summary>A compiled condition over rollup groups: which groups a query (or a filtered aggregator) reads.</summary>
internal abstract class GroupFilter
{
    public abstract bool Matches(int group);
}
