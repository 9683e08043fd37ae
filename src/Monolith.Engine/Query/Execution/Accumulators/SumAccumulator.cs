using System.Numerics;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Query.Execution.Accumulators;

/// <summary>SUM or AVG over a SUM or AVG metric: exact sums combine exactly, doubles with compensation.</summary>
internal sealed class SumAccumulator : Accumulator
{
    private readonly SumSnapshot _metric;
    private readonly ColumnSnapshot<long> _rowCounts;
    private readonly bool _average;
    private readonly long[] _counts;
    private readonly Int128[] _sums;
    private readonly double[] _doubles;
    private readonly double[] _compensations;
    private BigInteger[]? _big;

    public SumAccumulator(SumSnapshot metric, ColumnSnapshot<long> rowCounts, bool average, int slotCount)
        : base(average ? ColumnType.Double : metric.ResultType)
    {
        _metric = metric;
        _rowCounts = rowCounts;
        _average = average;
        _counts = new long[slotCount];
        _sums = new Int128[metric.Mode == SumMode.Integer ? slotCount : 0];
        _doubles = new double[metric.Mode == SumMode.Double ? slotCount : 0];
        _compensations = new double[_doubles.Length];
        _big = metric.Mode == SumMode.Big ? new BigInteger[slotCount] : null;
    }

    public override void Add(ReadOnlySpan<int> groups, ReadOnlySpan<int> slots)
    {
        var tracked = !_metric.NonNull.IsEmpty;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var count = tracked ? _metric.NonNull[group] : _rowCounts[group];
            if (count == 0)
            {
                continue;
            }

            var slot = slots[i];
            _counts[slot] += count;
            if (_metric.Mode == SumMode.Double)
            {
                Neumaier(slot, _metric.Doubles[group]);
                Neumaier(slot, _metric.Compensations[group]);
            }
            else if (_big is not null)
            {
                _big[slot] += _metric.Mode == SumMode.Big ? _metric.Big[group] : _metric.Sums[group];
            }
            else
            {
                var sum = _sums[slot];
                var delta = _metric.Sums[group];
                var result = sum + delta;
                if (((sum ^ result) & (delta ^ result)) < 0)
                {
                    // Past 128 bits: continue every slot in arbitrary precision.
                    _big = _sums.Select(s => (BigInteger)s).ToArray();
                    _big[slot] += delta;
                }
                else
                {
                    _sums[slot] = result;
                }
            }
        }
    }

    private void Neumaier(int slot, double value)
    {
        var sum = _doubles[slot];
        var total = sum + value;
        _compensations[slot] += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
        _doubles[slot] = total;
    }

    public override QueryValue Result(int slot)
    {
        if (_counts[slot] == 0)
        {
            return QueryValue.Null;
        }

        var scale = _metric.Scale;
        var sum = _metric.Mode switch
        {
            SumMode.Double => QueryValue.FromDouble(_doubles[slot] + _compensations[slot]),
            _ when _big is not null => _metric.InputType.Kind == ValueKind.Decimal
                ? QueryValue.FromDecimal(_big[slot], scale)
                : QueryValue.FromDecimal(_big[slot], 0),
            _ => _metric.InputType.Kind == ValueKind.Decimal
                ? QueryValue.FromDecimal(_sums[slot], scale)
                : QueryValue.FromInteger(_sums[slot]),
        };
        return _average ? QueryValue.FromDouble(sum.ToDouble() / _counts[slot]) : sum;
    }
}
