using System.Buffers;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// The groups a query reads: live, inside its time range (whole chunks outside are skipped through the zone
/// map), and passing its filter. Reads each chunk's row counts and buckets as spans.
/// </summary>
internal static class GroupSelection
{
    /// <summary>Selects the groups into an array rented from the shared pool; give it back with <see
    /// cref="Return"/>.</summary>
    public static int[] Select(RollupVersion version, GroupFilter? filter, TimeRange range, out int count, long limit)
    {
        count = 0;
        var chunks = version.RowCounts.ChunkCount;
        var candidates = 0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            candidates += InRange(version, range, chunk) ? version.RowCounts.Chunk(chunk).Length : 0;
        }

        var selected = ArrayPool<int>.Shared.Rent(Math.Max(16, candidates));
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            if (!InRange(version, range, chunk))
            {
                continue;
            }

            var rowCounts = version.RowCounts.Chunk(chunk);
            var times = version.Time.Chunk(chunk);
            var first = chunk << CowColumn<long>.ChunkShift;
            for (var i = 0; i < rowCounts.Length; i++)
            {
                if (rowCounts[i] <= 0 || times[i] < range.First || times[i] > range.Last)
                {
                    continue;
                }

                var group = first + i;
                if (filter is not null && !filter.Matches(group))
                {
                    continue;
                }

                selected[count++] = group;
                if (count > limit)
                {
                    throw new QueryException(QueryErrorCode.CapacityExceeded,
                        $"the query reads more than {limit} rows; narrow the time range or aggregate");
                }
            }
        }

        return selected;
    }

    private static bool InRange(RollupVersion version, TimeRange range, int chunk) =>
        range.IsAll || (chunk < version.ChunkFirstBucket.Count &&
                        range.Overlaps(version.ChunkFirstBucket[chunk], version.ChunkLastBucket[chunk]));

    public static void Return(int[] selected) => ArrayPool<int>.Shared.Return(selected);
}
