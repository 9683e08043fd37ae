namespace Monolith.Engine.Sql;

/// <summary>
/// A statement that parses but means something the engine does not accept, at a character offset. Thrown by
/// shared analysis helpers and turned into the caller's own error type (a rollup definition error, a query
/// error) with the line and column worked out from the statement.
/// </summary>
internal sealed class SqlValidationException(int offset, string problem) : Exception(problem)
{
    /// <summary>0-based character offset the problem concerns.</summary>
    public int Offset { get; } = offset;

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; } = problem;
}
