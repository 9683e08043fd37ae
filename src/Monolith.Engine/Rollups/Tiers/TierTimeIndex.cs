using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>
/// The groups of a tier sorted by bucket, so that a time range is a binary search and a contiguous run. Tier
/// groups are never removed (an emptied one keeps a row count of 0), so an index stays valid until the tier
/// gains groups, and is rebuilt only then.
/// </summary>
internal sealed class TierTimeIndex(long[] buckets, int[] groups)
{
    public static TierTimeIndex Empty { get; } = new([], []);

    public int GroupCount => groups.Length;

    /// <summary>The groups whose bucket lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public ReadOnlySpan<int> Range(long first, long last)
    {
        var start = LowerBound(first);
        var end = last == long.MaxValue ? buckets.Length : LowerBound(last + 1);
        return groups.AsSpan(start, Math.Max(0, end - start));
    }

    private int LowerBound(long value)
    {
        int low = 0, high = buckets.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (buckets[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public static TierTimeIndex Build(ColumnSnapshot<long> tierBuckets)
    {
        var count = tierBuckets.Count;
        var buckets = new long[count];
        var groups = new int[count];
        for (var group = 0; group < count; group++)
        {
            buckets[group] = tierBuckets[group];
            groups[group] = group;
        }

        Array.Sort(buckets, groups);
        return new TierTimeIndex(buckets, groups);
    }
}
