namespace Monolith.Engine.Sql.Ast;

/// <summary>Prefix operators.</summary>
public enum SqlUnaryOperator
{
    /// <summary>Arithmetic negation, <c>-x</c>.</summary>
    Negate,

    /// <summary>Unary plus, <c>+x</c>, kept so that the printed SQL matches what was written.</summary>
    Plus,

    /// <summary>Logical negation, <c>NOT x</c>.</summary>
    Not,
}
