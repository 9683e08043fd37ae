namespace Monolith.Shop.Workload;

/// <summary>What a statement does to the rows it touches.</summary>
internal enum RowOperation
{
    Insert,
    Update,
    Delete,
}
