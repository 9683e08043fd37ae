namespace Monolith.Engine.Sql.Ast;

/// <summary>A constant written in the statement.</summary>
public abstract record SqlLiteral(int Offset) : SqlExpression(Offset);
