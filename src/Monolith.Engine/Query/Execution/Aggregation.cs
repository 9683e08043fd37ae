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
        TimeRange range,
        IReadOnlyList<KeyPart> keys,
        IReadOnlyList<AggregatorSpec> aggregators,
        bool alwaysOneRow,
        long maxGroups,
        Rollups.Tiers.RollupTiers? tiers = null)
    {
        if (TieredAggregation.TryRun(tiers, version, filter, range, keys, aggregators, alwaysOneRow, maxGroups) is
            { } additive)
        {
            return additive;
        }

        var selected = GroupSelection.Select(version, filter, range, out var count, long.MaxValue);
        var slots = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(16, count));
        try
        {
            return Run(selected.AsSpan(0, count), slots.AsSpan(0, count), keys, aggregators, alwaysOneRow, maxGroups);
        }
        finally
        {
            GroupSelection.Return(selected);
            System.Buffers.ArrayPool<int>.Shared.Return(slots);
        }
    }

    private static AggregationResult Run(
        ReadOnlySpan<int> groupSpan,
        Span<int> slots,
        IReadOnlyList<KeyPart> keys,
        IReadOnlyList<AggregatorSpec> aggregators,
        bool alwaysOneRow,
        long maxGroups)
    {
        var count = groupSpan.Length;
        var table = new SlotTable(keys.Count, maxGroups);
        Span<long> key = keys.Count <= 64 ? stackalloc long[keys.Count] : new long[keys.Count];
        if (keys.Count == 0)
        {
            // Without grouping every group feeds the one slot.
            slots.Clear();
            if (count > 0 || alwaysOneRow)
            {
                table.Find(key);
            }
        }
        else if (keys.Count == 1 && keys[0].DenseSize is > 0 and <= 1 << 20)
        {
            // One key of small dense codes (a dimension's dictionary ids): a direct table instead of hashing.
            var direct = new int[keys[0].DenseSize];
            for (var i = 0; i < groupSpan.Length; i++)
            {
                key[0] = keys[0].KeyOf(groupSpan[i]);
                ref var slot = ref direct[(int)key[0]];
                if (slot == 0)
                {
                    slot = table.Find(key) + 1;
                }

                slots[i] = slot - 1;
            }
        }
        else if (keys.Count == 1)
        {
            // Neighbouring groups often share a key (the groups of one bucket sit together): remember the last.
            var part = keys[0];
            var previous = long.MinValue;
            var previousSlot = -1;
            for (var i = 0; i < groupSpan.Length; i++)
            {
                var code = part.KeyOf(groupSpan[i]);
                if (previousSlot < 0 || code != previous)
                {
                    key[0] = code;
                    previousSlot = table.Find(key);
                    previous = code;
                }

                slots[i] = previousSlot;
            }
        }
        else
        {
            Span<long> previous = keys.Count <= 64 ? stackalloc long[keys.Count] : new long[keys.Count];
            var previousSlot = -1;
            for (var i = 0; i < groupSpan.Length; i++)
            {
                for (var k = 0; k < keys.Count; k++)
                {
                    key[k] = keys[k].KeyOf(groupSpan[i]);
                }

                if (previousSlot < 0 || !key.SequenceEqual(previous))
                {
                    previousSlot = table.Find(key);
                    key.CopyTo(previous);
                }

                slots[i] = previousSlot;
            }
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

        var results = Accumulate(groupSpan, slots, aggregators, slotCount);
        return new AggregationResult(slotCount, keyValues, results, table);
    }

    /// <summary>
    /// Evaluates <paramref name="aggregators"/> for the output rows whose key codes <paramref name="rows"/>
    /// holds only (slot i of the answer is slot i of <paramref name="rows"/>): a second pass over the selected
    /// groups that feeds the groups of other rows to no accumulator. The groups and their order are those of the
    /// plain scan, so each value equals the one a single pass computes.
    /// </summary>
    public static QueryValue[][] RunFor(RollupVersion version, GroupFilter? filter, TimeRange range,
        IReadOnlyList<KeyPart> keys, IReadOnlyList<AggregatorSpec> aggregators, SlotTable rows)
    {
        var selected = GroupSelection.Select(version, filter, range, out var count, long.MaxValue);
        var groups = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(16, count));
        var slots = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(16, count));
        try
        {
            Span<long> key = keys.Count <= 64 ? stackalloc long[keys.Count] : new long[keys.Count];
            var kept = 0;
            foreach (var group in selected.AsSpan(0, count))
            {
                for (var k = 0; k < keys.Count; k++)
                {
                    key[k] = keys[k].KeyOf(group);
                }

                var slot = rows.Lookup(key);
                if (slot >= 0)
                {
                    groups[kept] = group;
                    slots[kept++] = slot;
                }
            }

            return Accumulate(groups.AsSpan(0, kept), slots.AsSpan(0, kept), aggregators, rows.Count);
        }
        finally
        {
            GroupSelection.Return(selected);
            System.Buffers.ArrayPool<int>.Shared.Return(groups);
            System.Buffers.ArrayPool<int>.Shared.Return(slots);
        }
    }

    /// <summary>Lets every aggregator combine the groups, each into its slot, and finalises them: [aggregate][slot].
    /// </summary>
    private static QueryValue[][] Accumulate(ReadOnlySpan<int> groupSpan, ReadOnlySpan<int> slots,
        IReadOnlyList<AggregatorSpec> aggregators, int slotCount)
    {
        var count = groupSpan.Length;
        var results = new QueryValue[aggregators.Count][];
        for (var a = 0; a < aggregators.Count; a++)
        {
            var spec = aggregators[a];
            var accumulator = spec.Create(slotCount);
            if (spec.Filter is null)
            {
                accumulator.Add(groupSpan, slots);
            }
            else
            {
                var filteredGroups = new int[count];
                var filteredSlots = new int[count];
                var kept = 0;
                for (var i = 0; i < count; i++)
                {
                    if (spec.Filter.Matches(groupSpan[i]))
                    {
                        filteredGroups[kept] = groupSpan[i];
                        filteredSlots[kept++] = slots[i];
                    }
                }

                accumulator.Add(filteredGroups.AsSpan(0, kept), filteredSlots.AsSpan(0, kept));
            }

            results[a] = new QueryValue[slotCount];
            for (var slot = 0; slot < slotCount; slot++)
            {
                results[a][slot] = accumulator.Result(slot);
            }

            accumulator.Release();
        }

        return results;
    }
}
