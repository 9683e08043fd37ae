namespace Monolith.Engine.Sql.Ast;

/// <summary>One ORDER BY item: an expression, an output column alias or a 1-based ordinal.</summary>
public sealed record SqlOrderItem(int Offset, SqlExpression Expression, bool Descending) : SqlNode(Offset)
{
    /// <inheritdoc />
    public override string ToString() => Descending ? $"{Expression} DESC" : $"{Expression} ASC";
}
