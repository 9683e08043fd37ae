namespace Monolith.Engine.Transform.Binding;

/// <summary>
/// A SQL expression that cannot be evaluated over change rows: an unknown column, an unsupported function, a
/// type mismatch. <see cref="Offset"/> is the place in the statement (-1 when unknown); the caller that holds the
/// statement's text turns it into a line and column.
/// </summary>
public sealed class SqlBindingException : Exception
{
    /// <summary>Creates the error.</summary>
    public SqlBindingException(int offset, string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>0-based offset in the statement, or -1.</summary>
    public int Offset { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
