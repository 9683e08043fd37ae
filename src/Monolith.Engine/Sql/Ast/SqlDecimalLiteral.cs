using System.Numerics;

namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// An exact decimal literal such as <c>12.50</c> (or an integer too large for 64 bits), kept as an unscaled
/// integer and a scale so that no digit is lost.
/// </summary>
public sealed record SqlDecimalLiteral(int Offset, BigInteger Unscaled, int Scale) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => SqlFormatting.FormatDecimal(Unscaled, Scale);
}
