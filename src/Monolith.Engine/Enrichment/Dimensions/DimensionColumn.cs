using Apache.Arrow.Types;

namespace Monolith.Engine.Enrichment.Dimensions;

/// <summary>A column of a dimension table as enrichment sees it: name, change-batch type, and what a join needs
/// to know about it.</summary>
internal sealed record DimensionColumn(string Name, IArrowType Type, bool IsPrimaryKey, bool IsJson)
{
    /// <summary>Whether the values are integers, as join keys must be.</summary>
    public bool IsInteger => Type is Int64Type or UInt64Type;
}
