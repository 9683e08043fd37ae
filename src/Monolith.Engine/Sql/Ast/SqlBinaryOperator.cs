namespace Monolith.Engine.Sql.Ast;

/// <summary>Infix operators, from the loosest binding to the tightest.</summary>
public enum SqlBinaryOperator
{
    /// <summary><c>OR</c>.</summary>
    Or,

    /// <summary><c>AND</c>.</summary>
    And,

    /// <summary><c>=</c>.</summary>
    Equal,

    /// <summary><c>&lt;&gt;</c> or <c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>+</c>.</summary>
    Add,

    /// <summary><c>-</c>.</summary>
    Subtract,

    /// <summary><c>||</c>, string concatenation.</summary>
    Concat,

    /// <summary><c>*</c>.</summary>
    Multiply,

    /// <summary><c>/</c>.</summary>
    Divide,

    /// <summary><c>%</c>.</summary>
    Modulo,
}
