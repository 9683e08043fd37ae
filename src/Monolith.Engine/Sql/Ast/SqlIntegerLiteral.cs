namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// An unsigned integer literal. Values up to <see cref="long.MaxValue"/> are BIGINT; larger ones up to
/// <see cref="ulong.MaxValue"/> are kept as unsigned so that BIGINT UNSIGNED columns compare exactly.
/// A leading minus sign is a separate unary operator.
/// </summary>
public sealed record SqlIntegerLiteral(int Offset, ulong Value) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
