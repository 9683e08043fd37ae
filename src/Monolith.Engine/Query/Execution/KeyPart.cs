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

    /// <summary>What the code is made of, for aggregations that compute codes without the key part (tiers).</summary>
    public virtual KeyShape Shape => KeyShape.Other;

    /// <summary>For <see cref="KeyShape.Dimension"/>, the dimension whose dictionary id is the code.</summary>
    public virtual int DimensionIndex => -1;

    /// <summary>For <see cref="KeyShape.TimeFloor"/>, the granularity whose bucket start is the code.</summary>
    public virtual Time.Granularity? Granularity => null;
}

/// <summary>The kinds of key code: a constant 0, a dictionary id, a bucket start of <c>__time</c>, the rollup
/// bucket itself, or anything else (interned values).</summary>
internal enum KeyShape
{
    Other,
    Constant,
    Dimension,
    TimeFloor,
    Bucket,
}
