using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>
/// A constant. <see cref="Value"/> by type: <see cref="long"/> for Int64, Timestamp (microseconds), Duration
/// (microseconds) and Date32 (days; an <see cref="int"/> is accepted); <see cref="ulong"/> for UInt64;
/// <see cref="double"/> for Double; <see cref="Int128"/> (unscaled) or <see cref="decimal"/> for Decimal128;
/// <see cref="string"/> or a UTF-8 <see cref="byte"/> array for String; a byte array for Binary;
/// <see cref="bool"/> for Boolean; null for a typed NULL.
/// </summary>
/// <param name="Value">The value as described above.</param>
/// <param name="LiteralType">The literal's type.</param>
public sealed record LiteralExpr(object? Value, IArrowType LiteralType) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => LiteralType;
}
