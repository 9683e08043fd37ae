using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// The core of every aggregating query, SQL or native: scan the live groups of a pinned version, keep those the
/// filter passes, give each the slot of its key, then let every aggregator combine the groups of each slot.
/// </summary>
internal static class Aggregation
{
    public static AggregationResult Run(
        RollupVersion version,
        GroupFilter? filter,
        IReadOnlyList<KeyPart> keys,
        IReadOnlyList<AggregatorSpec> aggregators,
        bool alwaysOneRow,
        long maxGroups)
    {
        var table = new SlotTable(keys.Count, maxGroups);
        var groups = new List<int>();
        var slots = new List<int>();
        Span<long> key = keys.Count <= 64 ? stackalloc long[keys.Count] : new long[keys.Count];
        var rowCounts = version.RowCounts;
        for (var group = 0; group < version.GroupCount; group++)
        {
            if (rowCounts[group] <= 0 || (filter is not null && !filter.Matches(group)))
            {
                continue;
            }

            for (var k = 0; k < keys.Count; k++)
            {
                key[k] = keys[k].KeyOf(group);
            }

            groups.Add(group);
            slots.Add(table.Find(key));
        }

        if (alwaysOneRow && keys.Count == 0)
        {
            table.Find(key);
        }

        var slotCount = table.Count;
        var keyValues = new QueryValue[keys.Count][];
        for (var k = 0; k < keys.Count; k++)
        {
            keyValues[k] = new QueryValue[slotCount];
            for (var slot = 0; slot < slotCount; slot++)
            {
                keyValues[k][slot] = keys[k].ValueOf(table.KeyPart(slot, k));
            }
        }

        var groupSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups);
        var slotSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slots);
        var results = new QueryValue[aggregators.Count][];
        for (var a = 0; a < aggregators.Count; a++)
        {
            var spec = aggregators[a];
            var accumulator = spec.Create(slotCount);
            if (spec.Filter is null)
            {
                accumulator.Add(groupSpan, slotSpan);
            }
            else
            {
                var filteredGroups = new List<int>();
                var filteredSlots = new List<int>();
                for (var i = 0; i < groups.Count; i++)
                {
                    if (spec.Filter.Matches(groups[i]))
                    {
                        filteredGroups.Add(groups[i]);
                        filteredSlots.Add(slots[i]);
                    }
                }

                accumulator.Add(
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(filteredGroups),
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(filteredSlots));
            }

            results[a] = new QueryValue[slotCount];
            for (var slot = 0; slot < slotCount; slot++)
            {
                results[a][slot] = accumulator.Result(slot);
            }
        }

        return new AggregationResult(slotCount, keyValues, results);
    }
}
