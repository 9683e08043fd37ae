using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Results;

/// <summary>A column of a query result: its name and type.</summary>
public sealed record ResultColumn(string Name, ColumnType Type);
