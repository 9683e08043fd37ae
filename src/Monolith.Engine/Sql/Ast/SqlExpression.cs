namespace Monolith.Engine.Sql.Ast;

/// <summary>A scalar or aggregate expression.</summary>
public abstract record SqlExpression(int Offset) : SqlNode(Offset);
