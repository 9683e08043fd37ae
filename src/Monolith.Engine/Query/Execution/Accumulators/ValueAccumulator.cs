using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>
/// Aggregates over a time or dimension column, which each group holds as one value shared by all its rows:
/// MIN and MAX take the extreme over groups; SUM and AVG weigh each group's value by its row count, which is
/// exactly the sum and average over the source rows.
/// </summary>
internal sealed class ValueAccumulator : Accumulator
{
    private readonly AggregateFunction _function;
    private readonly GroupRow _row;
    private readonly int _slot;
    private readonly ColumnSnapshot<long> _rowCounts;
    private readonly QueryValue[] _values;
    private readonly long[] _counts;

    public ValueAccumulator(AggregateFunction function, RollupLayout layout, int slot, ColumnType type, int slotCount)
        : base(type)
    {
        _function = function;
        _row = new GroupRow(layout);
        _slot = slot;
        _rowCounts = layout.Version.RowCounts;
        _values = new QueryValue[slotCount];
        _counts = new long[slotCount];
    }

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        if (_slot == RollupLayout.TimeSlot && _function is AggregateFunction.Min or AggregateFunction.Max)
        {
            AddTimes(groups, slots);
            return;
        }

        for (var i = 0; i < groups.Length; i++)
        {
            _row.Group = groups[i];
            var value = _row.Get(_slot);
            if (value.IsNull)
            {
                continue;
            }

            var slot = slots[i];
            var current = _values[slot];
            switch (_function)
            {
                case AggregateFunction.Min:
                    _values[slot] = current.IsNull || QueryValues.Compare(value, current) < 0 ? value : current;
                    break;
                case AggregateFunction.Max:
                    _values[slot] = current.IsNull || QueryValues.Compare(value, current) > 0 ? value : current;
                    break;
                default:
                    var rows = _rowCounts[groups[i]];
                    var weighted = QueryValues.Multiply(value, QueryValue.FromLong(rows));
                    _values[slot] = current.IsNull ? weighted : QueryValues.Add(current, weighted);
                    _counts[slot] += rows;
                    break;
            }
        }
    }

    /// <summary>MIN and MAX of <c>__time</c> compare bucket starts directly.</summary>
    private void AddTimes(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        var times = _row.Layout.Version.Time;
        var max = _function == AggregateFunction.Max;
        for (var i = 0; i < groups.Length; i++)
        {
            var time = times[groups[i]];
            var slot = slots[i];
            var current = _values[slot];
            if (current.IsNull || (max ? time > current.Long : time < current.Long))
            {
                _values[slot] = QueryValue.FromTimestamp(time);
            }
        }
    }

    public override QueryValue Result(int slot) =>
        _function == AggregateFunction.Avg && !_values[slot].IsNull
            ? QueryValue.FromDouble(_values[slot].ToDouble() / _counts[slot])
            : _values[slot];
}
