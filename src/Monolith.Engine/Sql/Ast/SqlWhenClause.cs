namespace Monolith.Engine.Sql.Ast;

/// <summary>One <c>WHEN condition THEN result</c> arm of a CASE expression.</summary>
public sealed record SqlWhenClause(int Offset, SqlExpression When, SqlExpression Then) : SqlNode(Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"WHEN {When} THEN {Then}";
}
