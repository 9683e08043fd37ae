using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Expressions;

/// <summary>
/// What names mean where an expression is compiled. Before compiling a node the compiler asks the scope; a scope
/// returns a replacement (a column of the rollup, a group key, an aggregate's slot) or null to let the compiler
/// go on. Identifiers and aggregate calls that no scope claims are errors.
/// </summary>
internal interface IExpressionScope
{
    Expr? Resolve(SqlExpression node, ExpressionCompiler compiler);
}
