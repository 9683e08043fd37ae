namespace Monolith.Engine.Transform;

/// <summary>
/// An expression that cannot be compiled or evaluated as given: a type the operation does not take, a wrong
/// number of arguments, a malformed JSON path or LIKE escape, a batch whose column does not match the
/// compiled type. The message names the expression and the part at fault.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ExpressionException()
    {
    }
}
