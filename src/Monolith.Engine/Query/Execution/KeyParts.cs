using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Storage;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Execution;

/// <summary>The kinds of grouping key: time granularity, dimension (bare or an expression of it) and general.</summary>
internal static class KeyParts
{
    /// <summary>The best key part for a grouping expression over rollup groups.</summary>
    public static KeyPart For(Expr expr, RollupLayout layout, string text)
    {
        var version = layout.Version;
        var slots = expr.Slots();
        if (slots.Any(layout.IsMetric))
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"cannot group by {text}: it reads a metric; group by __time and dimensions");
        }

        if (slots.Count == 0)
        {
            return new Constant(expr.Evaluate(NoValues.Instance), expr.Type);
        }

        var alignment = BucketAlignment.For(expr, version, text);
        if (expr is TimeBucketExpr { Timestamp: ColumnExpr { Slot: RollupLayout.TimeSlot }, IsFloor: true } floor)
        {
            return new TimeGranularity(floor.Granularity, version.Time, alignment!);
        }

        if (expr is ColumnExpr { Slot: RollupLayout.TimeSlot })
        {
            return new Bucket(expr.Type, version.Time);
        }

        if (slots.Count == 1 && slots.First() == RollupLayout.TimeSlot)
        {
            return new TimeExpression(expr, version.Time, alignment);
        }

        if (slots.Count == 1 && layout.IsDimension(slots.First()) && expr is ColumnExpr column &&
            version.Dictionaries[layout.DimensionIndex(column.Slot)] is { } dictionary)
        {
            return new Dimension(layout.DimensionIndex(column.Slot),
                version.Dimensions[layout.DimensionIndex(column.Slot)], dictionary);
        }

        if (slots.Count == 1 && layout.IsDimension(slots.First()) &&
            version.Dictionaries[layout.DimensionIndex(slots.First())] is { } mapped)
        {
            return new DimensionExpression(expr, slots.First(),
                version.Dimensions[layout.DimensionIndex(slots.First())], mapped);
        }

        return new General(expr, new GroupRow(layout), version.Time, alignment);
    }

    /// <summary>Keys by a granularity's bucket start of <c>__time</c>, checking each rollup bucket fits.</summary>
    public static KeyPart ForGranularity(Granularity granularity, RollupVersion version, string text) =>
        granularity.Kind == GranularityKind.All
            ? new Constant(QueryValue.FromTimestamp(Granularity.MinInstant), ColumnType.Timestamp)
            : new TimeGranularity(granularity, version.Time, BucketAlignment.ForGranularity(granularity, version,
            text));

    /// <summary>Keys by the dictionary id of a dimension.</summary>
    public static KeyPart ForDimension(RollupVersion version, int dimension) =>
        version.Dictionaries[dimension] is { } dictionary
            ? new Dimension(dimension, version.Dimensions[dimension], dictionary)
            : new Constant(QueryValue.Null, ColumnType.String);

    private sealed class Constant(QueryValue value, ColumnType type) : KeyPart(type)
    {
        public override KeyShape Shape => KeyShape.Constant;

        public override long KeyOf(int group) => 0;

        public override QueryValue ValueOf(long key) => value;
    }

    private sealed class TimeGranularity(Granularity granularity, ColumnSnapshot<long> times, BucketAlignment alignment)
        : KeyPart(ColumnType.Timestamp)
    {
        private long _start = long.MaxValue;
        private long _end;

        public override KeyShape Shape => KeyShape.TimeFloor;

        public override Granularity Granularity => granularity;

        public override long KeyOf(int group)
        {
            var bucket = times[group];
            alignment.Verify(bucket);
            if (bucket < _start || bucket >= _end)
            {
                _start = granularity.BucketStart(bucket);
                _end = granularity.Next(_start);
            }

            return _start;
        }

        public override QueryValue ValueOf(long key) => QueryValue.FromTimestamp(key);
    }

    private sealed class Dimension(int dimension, ColumnSnapshot<int> ids, DictionarySnapshot dictionary)
        : KeyPart(dictionary.Type)
    {
        public override int DenseSize => dictionary.Count;

        public override KeyShape Shape => KeyShape.Dimension;

        public override int DimensionIndex => dimension;

        public override long KeyOf(int group) => ids[group];

        public override QueryValue ValueOf(long key) => dictionary.GetValue((int)key);
    }

    /// <summary>Bare <c>__time</c>: the rollup bucket's start.</summary>
    private sealed class Bucket(ColumnType type, ColumnSnapshot<long> times) : KeyPart(type)
    {
        public override KeyShape Shape => KeyShape.Bucket;

        public override long KeyOf(int group) => times[group];

        public override QueryValue ValueOf(long key) => QueryValue.FromTimestamp(key);
    }

    /// <summary>An expression of one dimension: evaluated once per dictionary value, lazily.</summary>
    private sealed class DimensionExpression(Expr expr, int slot, ColumnSnapshot<int> ids,
        DictionarySnapshot dictionary)
        : KeyPart(expr.Type)
    {
        private readonly ValueInterner _values = new();
        private readonly SingleValue _source = new(slot);
        private int[]? _codes;

        public override long KeyOf(int group)
        {
            _codes ??= Enumerable.Repeat(-1, dictionary.Count).ToArray();
            var id = ids[group];
            var code = _codes[id];
            if (code < 0)
            {
                _source.Value = dictionary.GetValue(id);
                code = _codes[id] = _values.Intern(expr.Evaluate(_source));
            }

            return code;
        }

        public override QueryValue ValueOf(long key) => _values[(int)key];
    }

    /// <summary>An expression of <c>__time</c> only: evaluated once per bucket.</summary>
    private sealed class TimeExpression(Expr expr, ColumnSnapshot<long> times, BucketAlignment? alignment)
        : KeyPart(expr.Type)
    {
        private readonly ValueInterner _values = new();
        private readonly Dictionary<long, int> _buckets = [];
        private readonly SingleValue _source = new(RollupLayout.TimeSlot);

        public override long KeyOf(int group)
        {
            var bucket = times[group];
            if (!_buckets.TryGetValue(bucket, out var code))
            {
                alignment?.Verify(bucket);
                _source.Value = QueryValue.FromTimestamp(bucket);
                code = _values.Intern(expr.Evaluate(_source));
                _buckets[bucket] = code;
            }

            return code;
        }

        public override QueryValue ValueOf(long key) => _values[(int)key];
    }

    private sealed class General(Expr expr, GroupRow row, ColumnSnapshot<long> times, BucketAlignment? alignment)
        : KeyPart(expr.Type)
    {
        private readonly ValueInterner _values = new();

        public override long KeyOf(int group)
        {
            alignment?.Verify(times[group]);
            row.Group = group;
            return _values.Intern(expr.Evaluate(row));
        }

        public override QueryValue ValueOf(long key) => _values[(int)key];
    }
}
