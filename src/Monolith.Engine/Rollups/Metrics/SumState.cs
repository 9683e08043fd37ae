using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// SUM and AVG. Integers and decimals of up to 38 digits sum exactly in 128 bits (decimals as unscaled values
/// at the column's scale), held in a <see cref="WideSumColumn"/> that spends 64 bits a group until a sum leaves
/// that range; should a sum ever leave 128 bits, the metric moves to arbitrary precision for good.
/// DECIMAL columns wider than 38 digits sum in arbitrary precision from the start (a slow path that allocates).
/// <para>
/// Doubles sum with Neumaier's compensation: each group keeps the running sum and the low-order bits lost to
/// rounding, so adding and later retracting the same values returns to the true sum up to about one rounding of
/// the result instead of accumulating an error per operation; when a group's count of values returns to zero
/// both are reset to exactly zero. NaN and infinities are not summed (they would never retract) and are counted
/// as ignored values.
/// </para>
/// AVG is the same state finalised as sum divided by the count of non-NULL values.
/// </summary>
internal sealed class SumState : MetricState
{
    private readonly NullTracker _nonNull = new();
    private readonly bool _average;
    private readonly WideSumColumn _sums = new();
    private readonly CowColumn<double>? _doubles;
    private readonly CowColumn<double>? _compensations;
    private CowColumn<BigInteger>? _big;
    private SumMode _mode;
    private Int128[] _scratch = [];
    private double[] _doubleScratch = [];
    private long[] _keyScratch = [];
    private int _capacity;

    public SumState(RollupMetric metric, ColumnType inputType)
        : base(metric, inputType)
    {
        _average = metric.Kind == AggregatorKind.Avg;
        _mode = inputType.Kind switch
        {
            ValueKind.Double => SumMode.Double,
            ValueKind.Decimal when inputType.Precision > 38 => SumMode.Big,
            _ => SumMode.Integer,
        };
        if (_mode == SumMode.Double)
        {
            _doubles = new CowColumn<double>();
            _compensations = new CowColumn<double>();
        }
        else if (_mode == SumMode.Big)
        {
            _big = new CowColumn<BigInteger>();
        }
    }

    public override ColumnType ResultType => _average ? ColumnType.Double : InputType.Kind switch
    {
        ValueKind.Double => ColumnType.Double,
        ValueKind.Decimal => ColumnType.Decimal(Math.Max(38, InputType.Precision), InputType.Scale),
        _ => ColumnType.Long,
    };

    public long Bytes => _sums.Bytes + (_doubles?.Bytes ?? 0) + (_compensations?.Bytes ?? 0) +
                         ((_big?.Bytes ?? 0) * 2) + _nonNull.Bytes;

    public override void PrepareNulls(IArrowArray argument, CowColumn<long> rowCounts, int groupCount) =>
        _nonNull.Prepare(argument, rowCounts, groupCount);

    public override void EnsureCapacity(int groups)
    {
        _capacity = Math.Max(_capacity, groups);
        _nonNull.EnsureCapacity(groups);
        switch (_mode)
        {
            case SumMode.Integer:
                _sums.EnsureCapacity(groups);
                break;
            case SumMode.Double:
                _doubles!.EnsureCapacity(groups);
                _compensations!.EnsureCapacity(groups);
                break;
            default:
                _big!.EnsureCapacity(groups);
                break;
        }
    }

    public override void Apply(ReadOnlySpan<int> groups, IArrowArray? argument, ReadOnlySpan<sbyte> weights, int epoch)
    {
        var array = argument!;
        if (_mode == SumMode.Double)
        {
            ApplyDouble(groups, array, weights);
            return;
        }

        if (array is Decimal256Array wide)
        {
            ApplyBig(groups, wide, weights, 0);
            return;
        }

        var values = IntegerValues(array);
        if (_mode == SumMode.Integer)
        {
            var stopped = ApplyInteger(groups, array, values, weights);
            if (stopped < 0)
            {
                return;
            }

            PromoteToBig();
            ApplyBigFromInt128(groups, array, values, weights, stopped);
            return;
        }

        ApplyBigFromInt128(groups, array, values, weights, 0);
    }

    private ReadOnlySpan<Int128> IntegerValues(IArrowArray array)
    {
        if (array is Decimal128Array decimals)
        {
            return ArrowColumns.Decimal128Values(decimals);
        }

        var length = array.Length;
        if (_scratch.Length < length)
        {
            _scratch = new Int128[Math.Max(length, _scratch.Length * 2)];
            _keyScratch = new long[_scratch.Length];
        }

        var keys = _keyScratch.AsSpan(0, length);
        ArrowColumns.ReadKeys(array, keys);
        var values = _scratch.AsSpan(0, length);
        if (InputType.Kind == ValueKind.UnsignedLong)
        {
            for (var i = 0; i < length; i++)
            {
                values[i] = (ulong)keys[i];
            }
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                values[i] = keys[i];
            }
        }

        return values;
    }

    /// <summary>Sums in 128 bits; returns the row at which a sum would overflow, or -1 when all rows applied.</summary>
    private int ApplyInteger(ReadOnlySpan<int> groups, IArrowArray array, ReadOnlySpan<Int128> values,
        ReadOnlySpan<sbyte> weights)
    {
        var noNulls = array.NullCount == 0;
        var tracking = _nonNull.IsMaterialized;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || (!noNulls && array.IsNull(i)))
            {
                continue;
            }

            var weight = weights[i];
            var delta = Weighted(values[i], weight);
            var narrow = (long)delta;
            ref var low = ref _sums.Low(group);
            var result = low + narrow;

            // The 64-bit add is exact when the delta fits in 64 bits and the low word does not overflow;
            // anything else carries into the group's high word.
            if (narrow == delta && ((low ^ result) & (narrow ^ result)) >= 0)
            {
                low = result;
            }
            else if (!_sums.AddWide(group, delta))
            {
                return i;
            }

            if (tracking)
            {
                _nonNull.Add(group, weight);
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Int128 Weighted(Int128 value, sbyte weight) =>
        weight == 1 ? value : weight == -1 ? -value : value * weight;

    private void PromoteToBig()
    {
        _big = new CowColumn<BigInteger>();
        _big.EnsureCapacity(_capacity);
        for (var group = 0; group < _capacity && group < _sums.Capacity; group++)
        {
            var sum = _sums.Get(group);
            if (sum != 0)
            {
                _big.Writable(group) = sum;
            }
        }

        _mode = SumMode.Big;
    }

    private void ApplyBigFromInt128(ReadOnlySpan<int> groups, IArrowArray array, ReadOnlySpan<Int128> values,
        ReadOnlySpan<sbyte> weights, int start)
    {
        for (var i = start; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || array.IsNull(i))
            {
                continue;
            }

            _big!.Writable(group) += (BigInteger)values[i] * weights[i];
            _nonNull.Add(group, weights[i]);
        }
    }

    private void ApplyBig(ReadOnlySpan<int> groups, Decimal256Array array, ReadOnlySpan<sbyte> weights, int start)
    {
        for (var i = start; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || array.IsNull(i))
            {
                continue;
            }

            _big!.Writable(group) += ArrowColumns.Decimal256Value(array, i) * weights[i];
            _nonNull.Add(group, weights[i]);
        }
    }

    private void ApplyDouble(ReadOnlySpan<int> groups, IArrowArray array, ReadOnlySpan<sbyte> weights)
    {
        ReadOnlySpan<double> values;
        if (array is DoubleArray doubles)
        {
            values = doubles.Values;
        }
        else
        {
            if (_doubleScratch.Length < array.Length)
            {
                _doubleScratch = new double[Math.Max(array.Length, _doubleScratch.Length * 2)];
            }

            var floats = ((FloatArray)array).Values;
            for (var i = 0; i < floats.Length; i++)
            {
                _doubleScratch[i] = floats[i];
            }

            values = _doubleScratch.AsSpan(0, floats.Length);
        }

        var noNulls = array.NullCount == 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group < 0 || (!noNulls && array.IsNull(i)))
            {
                continue;
            }

            var value = values[i];
            if (!double.IsFinite(value))
            {
                IgnoredValues++;
                continue;
            }

            var delta = value * weights[i];
            ref var sum = ref _doubles!.Writable(group);
            ref var compensation = ref _compensations!.Writable(group);
            var total = sum + delta;
            compensation += Math.Abs(sum) >= Math.Abs(delta) ? (sum - total) + delta : (delta - total) + sum;
            sum = total;
            if (_nonNull.Add(group, weights[i]) == 0)
            {
                sum = 0;
                compensation = 0;
            }
        }
    }

    public override void Reset(int group)
    {
        _nonNull.Reset(group);
        switch (_mode)
        {
            case SumMode.Integer:
                _sums.Reset(group);
                break;
            case SumMode.Double:
                if (_doubles!.Get(group) != 0 || _compensations!.Get(group) != 0)
                {
                    _doubles.Writable(group) = 0;
                    _compensations!.Writable(group) = 0;
                }

                break;
            default:
                if (!_big!.Get(group).IsZero)
                {
                    _big.Writable(group) = BigInteger.Zero;
                }

                break;
        }
    }

    public override MetricSnapshot Publish(int groupCount, ColumnSnapshot<long> rowCounts) => _mode switch
    {
        SumMode.Integer => new SumSnapshot(Metric, InputType, ResultType, _average, SumMode.Integer,
            _sums.Publish(groupCount), default, default, default, _nonNull.Publish(groupCount)),
        SumMode.Double => new SumSnapshot(Metric, InputType, ResultType, _average, SumMode.Double,
            default, _doubles!.Publish(groupCount), _compensations!.Publish(groupCount), default,
            _nonNull.Publish(groupCount)),
        _ => new SumSnapshot(Metric, InputType, ResultType, _average, SumMode.Big,
            default, default, default, _big!.Publish(groupCount), _nonNull.Publish(groupCount)),
    };
}
