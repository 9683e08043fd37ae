using Apache.Arrow;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// Counts the non-NULL argument values per group, which SUM, MIN, MAX and AVG need to return NULL for a group
/// with no values. Until a batch brings the first NULL the count equals the group's row count, so no column is
/// kept; the first NULL materialises the column from the row counts as they stand before that batch.
/// </summary>
internal sealed class NullTracker
{
    private CowColumn<long>? _counts;

    public bool IsMaterialized => _counts is not null;

    public long Bytes => _counts?.Bytes ?? 0;

    public void Prepare(IArrowArray argument, CowColumn<long> rowCounts, int groupCount)
    {
        if (_counts is not null || argument.NullCount == 0)
        {
            return;
        }

        _counts = new CowColumn<long>();
        _counts.EnsureCapacity(Math.Max(groupCount, rowCounts.Capacity));
        for (var group = 0; group < groupCount; group++)
        {
            _counts.Writable(group) = rowCounts.Get(group);
        }
    }

    public void EnsureCapacity(int groups) => _counts?.EnsureCapacity(groups);

    /// <summary>Adds a weight to a group's count and returns the new count, or -1 when counts follow row
    /// counts.</summary>
    public long Add(int group, long weight)
    {
        if (_counts is null)
        {
            return -1;
        }

        ref var count = ref _counts.Writable(group);
        count += weight;
        return count;
    }

    public void Reset(int group)
    {
        if (_counts is not null && _counts.Get(group) != 0)
        {
            _counts.Writable(group) = 0;
        }
    }

    /// <summary>The published counts, or an empty snapshot meaning "equal to the row counts".</summary>
    public ColumnSnapshot<long> Publish(int groupCount) => _counts?.Publish(groupCount) ?? default;

    /// <summary>A group's non-NULL count from published state.</summary>
    public static long Read(ColumnSnapshot<long> counts, int group, long rowCount) =>
        counts.IsEmpty ? rowCount : counts[group];
}
