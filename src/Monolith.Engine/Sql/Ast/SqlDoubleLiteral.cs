using System.Globalization;

namespace Monolith.Engine.Sql.Ast;

/// <summary>A floating-point literal written with an exponent, such as <c>1.5e3</c>.</summary>
public sealed record SqlDoubleLiteral(int Offset, double Value) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = Value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) ? text : text + "E0";
    }
}
