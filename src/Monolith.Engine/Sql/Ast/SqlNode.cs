namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// A node of a parsed statement. Nodes are immutable and carry the 0-based character offset at which they
/// start, so that later stages (rollup analysis, query planning) can report errors by line and column.
/// <see cref="object.ToString"/> renders the node back as canonical SQL.
/// </summary>
/// <param name="Offset">0-based character offset of the node's first token in the statement.</param>
public abstract record SqlNode(int Offset);
