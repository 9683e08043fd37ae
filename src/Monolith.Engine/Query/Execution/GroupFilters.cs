using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// Builds <see cref="GroupFilter"/>s from boolean expressions. NOT is pushed down to the leaves (De Morgan holds
/// in three-valued logic), so that each leaf is asked whether it is TRUE or whether it is FALSE, and a row passes
/// only when the whole condition is TRUE. Leaves over one dimension are evaluated once per dictionary value into a
/// bitmap; leaves over <c>__time</c> once per bucket; constants once; anything else per group.
/// </summary>
internal static class GroupFilters
{
    public static GroupFilter Build(Expr condition, RollupLayout layout) => Build(condition, layout, negate: false);

    private static GroupFilter Build(Expr expr, RollupLayout layout, bool negate)
    {
        switch (expr)
        {
            case NotExpr not:
                return Build(not.Operand, layout, !negate);
            case LogicalExpr logical:
                var parts = logical.Children.Select(c => Build(c, layout, negate)).ToArray();
                return logical.IsAnd != negate ? new AllFilter(parts) : new AnyFilter(parts);
            default:
                return Leaf(expr, layout, expectTrue: !negate);
        }
    }

    private static GroupFilter Leaf(Expr expr, RollupLayout layout, bool expectTrue)
    {
        var slots = expr.Slots();
        var version = layout.Version;
        if (slots.Count == 0)
        {
            return new ConstantFilter(Passes(expr.Evaluate(NoValues.Instance), expectTrue));
        }

        if (slots.Count == 1)
        {
            var slot = slots.First();
            if (slot == RollupLayout.TimeSlot)
            {
                return new TimeFilter(expr, expectTrue, version.Time);
            }

            if (layout.IsDimension(slot) && version.Dictionaries[layout.DimensionIndex(slot)] is { } dictionary)
            {
                var source = new SingleValue(slot);
                var bitmap = new bool[dictionary.Count];
                for (var id = 0; id < bitmap.Length; id++)
                {
                    source.Value = dictionary.GetValue(id);
                    bitmap[id] = Passes(expr.Evaluate(source), expectTrue);
                }

                return new DimensionFilter(version.Dimensions[layout.DimensionIndex(slot)], bitmap);
            }
        }

        return new RowFilter(expr, expectTrue, new GroupRow(layout));
    }

    public static bool Passes(QueryValue value, bool expectTrue) =>
        !value.IsNull && value.Kind == ValueKind.Boolean && value.Boolean == expectTrue;

    private sealed class AllFilter(GroupFilter[] parts) : GroupFilter
    {
        public override bool Matches(int group)
        {
            foreach (var part in parts)
            {
                if (!part.Matches(group))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class AnyFilter(GroupFilter[] parts) : GroupFilter
    {
        public override bool Matches(int group)
        {
            foreach (var part in parts)
            {
                if (part.Matches(group))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class ConstantFilter(bool result) : GroupFilter
    {
        public override bool Matches(int group) => result;
    }

    private sealed class DimensionFilter(ColumnSnapshot<int> ids, bool[] bitmap) : GroupFilter
    {
        public override bool Matches(int group) => bitmap[ids[group]];
    }

    private sealed class TimeFilter(Expr expr, bool expectTrue, ColumnSnapshot<long> times) : GroupFilter
    {
        private readonly SingleValue _source = new(RollupLayout.TimeSlot);
        private long _lastBucket = long.MinValue;
        private bool _lastResult;

        public override bool Matches(int group)
        {
            var bucket = times[group];
            if (bucket != _lastBucket)
            {
                _source.Value = QueryValue.FromTimestamp(bucket);
                _lastResult = Passes(expr.Evaluate(_source), expectTrue);
                _lastBucket = bucket;
            }

            return _lastResult;
        }
    }

    private sealed class RowFilter(Expr expr, bool expectTrue, GroupRow row) : GroupFilter
    {
        public override bool Matches(int group)
        {
            row.Group = group;
            return Passes(expr.Evaluate(row), expectTrue);
        }
    }
}
