namespace Monolith.Shop.Workload;

/// <summary>Rows of one table changed by committed transactions, as the server counted them.</summary>
public readonly record struct TableChanges(long Inserted, long Updated, long Deleted)
{
    /// <summary>All row changes: each is one row image pair (or single image) in the binlog.</summary>
    public long Total => Inserted + Updated + Deleted;
}
