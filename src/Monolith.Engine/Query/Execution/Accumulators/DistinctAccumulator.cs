using System.Buffers;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// Exact COUNT(DISTINCT): over a COUNT(DISTINCT) metric the union of the groups' value sets, over a dimension
/// the number of distinct non-NULL dictionary ids among the groups. Over a metric the union is a bitmap over the
/// metric's value ids per output slot when those fit a budget (setting a bit is far cheaper than a hash set
/// insert), else a hash set.
/// </summary>
internal sealed class DistinctAccumulator : Accumulator
{
    private readonly DistinctSetSnapshot? _metric;
    private readonly ColumnSnapshot<int> _dimension;
    private const long BitmapBudgetWords = 1 << 22;

    private readonly HashSet<int>?[] _sets;
    private readonly int[] _single;
    private readonly ulong[]?[]? _bitmaps;
    private readonly long[]? _bitmapCounts;
    private readonly int _words;

    public DistinctAccumulator(DistinctSetSnapshot metric, int slotCount)
        : base(ColumnType.Long)
    {
        _metric = metric;
        _sets = new HashSet<int>?[slotCount];
        _single = Enumerable.Repeat(-1, slotCount).ToArray();
        _words = (metric.Values.Count + 63) >> 6;
        if ((long)_words * slotCount <= BitmapBudgetWords)
        {
            _bitmaps = new ulong[]?[slotCount];
            _bitmapCounts = new long[slotCount];
        }
    }

    public DistinctAccumulator(ColumnSnapshot<int> dimension, int slotCount)
        : base(ColumnType.Long)
    {
        _dimension = dimension;
        _sets = new HashSet<int>?[slotCount];
        _single = Enumerable.Repeat(-1, slotCount).ToArray();
    }

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var slot = slots[i];
            var set = _sets[slot] ??= [];
            if (_metric is null)
            {
                var id = _dimension[group];
                if (id != 0)
                {
                    set.Add(id);
                }

                continue;
            }

            // A slot fed by a single group can use the group's own count without building a set.
            if (_single[slot] == -1 && set.Count == 0)
            {
                _single[slot] = group;
                continue;
            }

            if (_bitmaps is not null)
            {
                if (_single[slot] >= 0)
                {
                    AddBits(slot, _single[slot]);
                    _single[slot] = -2;
                }

                AddBits(slot, group);
                continue;
            }

            if (_single[slot] >= 0)
            {
                AddSet(set, _single[slot]);
                _single[slot] = -2;
            }

            AddSet(set, group);
        }
    }

    private void AddBits(int slot, int group)
    {
        if (_metric!.Sets[group] is not { } values)
        {
            return;
        }

        var bitmap = _bitmaps![slot];
        if (bitmap is null)
        {
            bitmap = _bitmaps[slot] = ArrayPool<ulong>.Shared.Rent(_words);
            bitmap.AsSpan(0, _words).Clear();
        }

        var added = values.OrInto(bitmap.AsSpan(0, _words));
        _bitmapCounts![slot] += added;
    }

    public override void Release()
    {
        if (_bitmaps is null)
        {
            return;
        }

        for (var slot = 0; slot < _bitmaps.Length; slot++)
        {
            if (_bitmaps[slot] is { } bitmap)
            {
                ArrayPool<ulong>.Shared.Return(bitmap);
                _bitmaps[slot] = null;
            }
        }
    }

    private void AddSet(HashSet<int> set, int group)
    {
        _metric!.Sets[group]?.ForEachPresent(set, static (s, id) => s.Add(id));
    }

    public override QueryValue Result(int slot) =>
        QueryValue.FromLong(_metric is not null && _single[slot] >= 0 ? _metric.Counts[_single[slot]]
            : _bitmapCounts is not null && _metric is not null ? _bitmapCounts[slot]
            : _sets[slot]?.Count ?? 0);
}
