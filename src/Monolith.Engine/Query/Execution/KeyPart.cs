using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution;

/// <summary>One part of a grouping key: a 64-bit code per rollup group and the value each code stands for.</summary>
internal abstract class KeyPart(ColumnType type)
{
    public ColumnType Type { get; } = type;

    public abstract long KeyOf(int group);

    public abstract QueryValue ValueOf(long key);

    /// <summary>When every code is below this number (dictionary ids), the codes can index a table; else 0.</summary>
    public virtual int DenseSize => 0;
}
