using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// A typed, resolved scalar expression over the columns of one record batch: what a binder produces from
/// SQL and what <see cref="ExpressionEvaluator"/> compiles into column-at-a-time kernels. Every node knows its
/// result type; a <see cref="CallExpr"/> may leave it null to take the type MySQL's rules give.
/// </summary>
/// <remarks>
/// Types are Arrow types: Int64, UInt64, Double, Decimal128(p, s), Decimal256 (comparison, IS NULL and CAST
/// only), Timestamp(Microsecond, null or "UTC"), Date32, Duration(Microsecond) for TIME, String (UTF-8),
/// Binary and Boolean. Text compares byte-wise, as the utf8mb4_bin collation does.
/// </remarks>
public abstract record Expr
{
    /// <summary>The result type, or null where the compiler infers it.</summary>
    public abstract IArrowType? Type { get; }

    /// <summary>A column of the input batch.</summary>
    public static ColumnExpr Column(int index, IArrowType type) => new(index, type);

    /// <summary>A call of a function or operator; the result type is inferred when null.</summary>
    public static CallExpr Call(ScalarFunction function, params Expr[] arguments) => new(function, arguments);

    /// <summary>A typed NULL.</summary>
    public static LiteralExpr Null(IArrowType type) => new(null, type);

    /// <summary>A BIGINT literal.</summary>
    public static LiteralExpr Int64(long value) => new(value, Int64Type.Default);

    /// <summary>A BIGINT UNSIGNED literal.</summary>
    public static LiteralExpr UInt64(ulong value) => new(value, UInt64Type.Default);

    /// <summary>A DOUBLE literal.</summary>
    public static LiteralExpr Double(double value) => new(value, DoubleType.Default);

    /// <summary>A DECIMAL literal from its unscaled value.</summary>
    public static LiteralExpr Decimal(Int128 unscaled, int precision, int scale) =>
        new(unscaled, new Decimal128Type(precision, scale));

    /// <summary>A text literal (stored as UTF-8).</summary>
    public static LiteralExpr Utf8(string value) => new(value, StringType.Default);

    /// <summary>A Boolean literal.</summary>
    public static LiteralExpr Boolean(bool value) => new(value, BooleanType.Default);
}
