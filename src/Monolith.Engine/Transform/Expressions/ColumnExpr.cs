using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Expressions;

/// <summary>A column of the input batch by position, with the Arrow type the batch holds there.</summary>
/// <param name="Index">Zero-based column position in the record batch.</param>
/// <param name="ColumnType">The column's Arrow type.</param>
public sealed record ColumnExpr(int Index, IArrowType ColumnType) : Expr
{
    /// <inheritdoc/>
    public override IArrowType Type => ColumnType;
}
