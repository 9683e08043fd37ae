namespace Monolith.Engine.Sql.Ast;

/// <summary><c>[INNER | LEFT] JOIN table ON condition</c>.</summary>
public sealed record SqlJoin(int Offset, SqlJoinKind Kind, SqlTableReference Table, SqlExpression Condition)
    : SqlNode(Offset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Kind == SqlJoinKind.Left ? "LEFT JOIN" : "INNER JOIN")} {Table} ON {Condition}";
}
