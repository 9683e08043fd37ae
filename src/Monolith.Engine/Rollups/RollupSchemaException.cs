namespace Monolith.Engine.Rollups;

/// <summary>
/// A batch handed to a rollup that does not match what the rollup expects: a missing column, a column of a type
/// the rollup cannot aggregate, or a type that changed between batches. The message names the rollup and column.
/// </summary>
public sealed class RollupSchemaException(string rollup, string column, string problem)
    : Exception($"rollup '{rollup}', column '{column}': {problem}")
{
    /// <summary>Name of the rollup.</summary>
    public string Rollup { get; } = rollup;

    /// <summary>Name of the column concerned.</summary>
    public string Column { get; } = column;
}
