namespace Monolith.Engine.Transform.Expressions;

/// <summary>Functions and operators of <see cref="CallExpr"/>, with their arguments.</summary>
public enum ScalarFunction
{
    /// <summary><c>a = b</c>.</summary>
    Equal,

    /// <summary><c>a &lt;&gt; b</c>.</summary>
    NotEqual,

    /// <summary><c>a &lt; b</c>.</summary>
    Less,

    /// <summary><c>a &lt;= b</c>.</summary>
    LessOrEqual,

    /// <summary><c>a &gt; b</c>.</summary>
    Greater,

    /// <summary><c>a &gt;= b</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>a BETWEEN low AND high</c> (three arguments).</summary>
    Between,

    /// <summary><c>a AND b AND ...</c> (two or more Boolean arguments), three-valued.</summary>
    And,

    /// <summary><c>a OR b OR ...</c> (two or more Boolean arguments), three-valued.</summary>
    Or,

    /// <summary><c>NOT a</c>.</summary>
    Not,

    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a - b</c>.</summary>
    Subtract,

    /// <summary><c>a * b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>: DOUBLE for doubles, otherwise DECIMAL with four more fractional digits than
    /// the dividend (MySQL's div_precision_increment). Division by zero is NULL.</summary>
    Divide,

    /// <summary><c>a DIV b</c>: integer division truncated toward zero.</summary>
    IntegerDivide,

    /// <summary><c>a % b</c> (MOD): the remainder has the dividend's sign.</summary>
    Modulo,

    /// <summary><c>-a</c>.</summary>
    Negate,

    /// <summary><c>COALESCE(a, b, ...)</c>: the first non-NULL argument.</summary>
    Coalesce,

    /// <summary><c>NULLIF(a, b)</c>: NULL when a = b, else a.</summary>
    NullIf,

    /// <summary><c>LOWER(s)</c>.</summary>
    Lower,

    /// <summary><c>UPPER(s)</c>.</summary>
    Upper,

    /// <summary><c>CONCAT(a, b, ...)</c> or <c>a || b</c>: NULL when any argument is NULL.</summary>
    Concat,

    /// <summary><c>SUBSTRING(s, position[, length])</c> in characters, 1-based; a negative position counts from
    /// the end.</summary>
    Substring,

    /// <summary><c>TRIM(s)</c>: spaces removed at both ends.</summary>
    Trim,

    /// <summary><c>LTRIM(s)</c>.</summary>
    TrimStart,

    /// <summary><c>RTRIM(s)</c>.</summary>
    TrimEnd,

    /// <summary><c>LENGTH(s)</c>: bytes.</summary>
    Length,

    /// <summary><c>CHAR_LENGTH(s)</c>: characters (code points).</summary>
    CharLength,

    /// <summary><c>REPLACE(s, from, to)</c>, byte-wise.</summary>
    Replace,

    /// <summary><c>JSON_VALUE(json, path)</c>: the scalar at a constant path as text (strings unquoted);
    /// NULL for objects, arrays, JSON null, a missing path or invalid JSON.</summary>
    JsonValue,

    /// <summary><c>JSON_EXTRACT(json, path)</c>: the JSON text at a constant path; NULL when missing.</summary>
    JsonExtract,
}
