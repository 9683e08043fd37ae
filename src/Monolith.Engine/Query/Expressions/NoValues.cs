namespace Monolith.Engine.Query.Expressions;

/// <summary>A value source for constant expressions: reading any column is a planning error.</summary>
internal sealed class NoValues : IValueSource
{
    public static NoValues Instance { get; } = new();

    public QueryValue Get(int slot) => throw new InvalidOperationException("A constant expression read a column.");
}
