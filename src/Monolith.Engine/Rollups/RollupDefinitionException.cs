using Monolith.Engine.Sql;

namespace Monolith.Engine.Rollups;

/// <summary>
/// A rollup whose SQL cannot define a rollup. The message names the rollup, what is wrong, and where:
/// <c>rollup 'x': SUM needs one argument at line 1, column 40</c>.
/// </summary>
public sealed class RollupDefinitionException : Exception
{
    /// <summary>Creates the error for a place in the rollup's SQL.</summary>
    public RollupDefinitionException(string rollup, string sql, int offset, string problem, Exception? inner = null)
        : base($"rollup '{rollup}': {problem} at {SqlTextPosition.Describe(sql, offset)}", inner)
    {
        Rollup = rollup;
        Offset = offset;
        (Line, Column) = SqlTextPosition.LineAndColumn(sql, offset);
    }

    /// <summary>Creates an error that concerns the rollup as a whole rather than a place in its SQL.</summary>
    public RollupDefinitionException(string rollup, string problem)
        : base($"rollup '{rollup}': {problem}")
    {
        Rollup = rollup;
        Offset = -1;
    }

    /// <summary>Name of the rollup.</summary>
    public string Rollup { get; }

    /// <summary>1-based line in the rollup's SQL, or 0 when the error has no position.</summary>
    public int Line { get; }

    /// <summary>1-based column in the rollup's SQL, or 0 when the error has no position.</summary>
    public int Column { get; }

    /// <summary>0-based offset in the rollup's SQL, or -1 when the error has no position.</summary>
    public int Offset { get; }
}
