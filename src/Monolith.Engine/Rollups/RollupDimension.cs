using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Rollups;

/// <summary>A grouping column of a rollup: its output name and the expression over the source row.</summary>
public sealed record RollupDimension(string Name, SqlExpression Expression);
