using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// Combines the intermediate values of rollup groups into output slots (Druid's "combine"), then finalises one
/// value per slot. Each accumulator reads the published state of one version.
/// </summary>
internal abstract class Accumulator(ColumnType type)
{
    public ColumnType Type { get; } = type;

    /// <summary>Adds the groups, each into its slot.</summary>
    public abstract void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots);

    public abstract QueryValue Result(int slot);

    /// <summary>Gives back pooled buffers once every result has been read.</summary>
    public virtual void Release()
    {
    }
}
