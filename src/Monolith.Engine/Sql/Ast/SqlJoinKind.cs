namespace Monolith.Engine.Sql.Ast;

/// <summary>The kinds of join the dialect accepts.</summary>
public enum SqlJoinKind
{
    /// <summary><c>[INNER] JOIN</c>.</summary>
    Inner,

    /// <summary><c>LEFT [OUTER] JOIN</c>.</summary>
    Left,
}
