namespace Monolith.Engine.Query.Expressions;

/// <summary>The values of the columns an expression reads, by slot: a rollup group, an output row, a table
/// row.</summary>
internal interface IValueSource
{
    QueryValue Get(int slot);
}
