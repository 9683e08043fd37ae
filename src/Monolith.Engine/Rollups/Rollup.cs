using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups;

/// <summary>
/// The state of one rollup: a single writer applies batches of committed row changes and publishes versions at
/// commit points; any number of readers query <see cref="Current"/>.
/// <para>
/// Batch contract (from the transform stage): an Arrow <see cref="RecordBatch"/> holding only rows that passed
/// the rollup's WHERE, with a column <c>__time</c> (Int64 or Timestamp, the bucket start in epoch milliseconds),
/// one column per dimension named after it, one column per metric that has an argument named after the metric
/// (none for COUNT(*)), and <c>__weight</c> (Int8: +1 for a new row image, -1 for a removed one). Columns are
/// nullable; other columns are ignored. Supported types: integers, UInt64, Float/Double, Decimal128,
/// Decimal256 (sums only), Utf8 strings, Boolean, Date and Timestamp.
/// </para>
/// </summary>
public sealed partial class Rollup
{
    private readonly TimeProvider _clock;
    private readonly GroupTable _groups;
    private readonly DimensionDictionary?[] _dictionaries;
    private readonly MetricState?[] _metrics;
    private RollupVersion _current;
    private Schema? _schema;
    private Binding? _binding;
    private int _epoch = 1;
    private long _sequence;
    private long _oldestBucket = long.MaxValue;

    // Scratch buffers reused across batches: Apply allocates nothing per row.
    private int[] _groupIds = [];
    private int[] _pairs = [];
    private readonly int[][] _ids;
    private long[] _times = [];

    private long _rowsApplied;
    private long _rowsWithoutTime;
    private long _rowsOutsideRetention;

    internal Rollup(RollupDefinition definition, TimeProvider clock, Schema? inputSchema)
    {
        Definition = definition;
        _clock = clock;
        _groups = new GroupTable(definition.Dimensions.Count);
        _dictionaries = new DimensionDictionary?[definition.Dimensions.Count];
        _metrics = new MetricState?[definition.Metrics.Count];
        _ids = new int[definition.Dimensions.Count][];
        for (var d = 0; d < _ids.Length; d++)
        {
            _ids[d] = [];
        }

        if (inputSchema is not null)
        {
            Bind(inputSchema);
        }

        _current = Publish(null);
    }

    /// <summary>The rollup's definition.</summary>
    public RollupDefinition Definition { get; }

    /// <summary>The rollup's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The latest published version. Read it once per query and use that object throughout.</summary>
    public RollupVersion Current => Volatile.Read(ref _current);

    /// <summary>
    /// Applies one batch of row changes to the working state. Nothing becomes visible before
    /// <see cref="Commit"/>. Call from one writer thread at a time.
    /// </summary>
    /// <exception cref="RollupSchemaException">A column is missing, has a type the metric cannot aggregate, or
    /// changed type since earlier batches; or a weight is NULL.</exception>
    public void Apply(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var binding = Bind(batch.Schema);
        var rows = batch.Length;
        if (rows == 0)
        {
            return;
        }

        EnsureScratch(rows);
        var groups = _groupIds.AsSpan(0, rows);
        var weights = Weights(batch, binding);
        var times = Times(batch.Column(binding.Time), groups);
        SkipExpired(times, groups);
        for (var d = 0; d < _dictionaries.Length; d++)
        {
            _dictionaries[d]!.Encode(batch.Column(binding.Dimensions[d]), _ids[d]);
        }

        var cancelled = CancelNoOpUpdates(batch, binding, times, weights, groups);
        for (var m = 0; m < _metrics.Length; m++)
        {
            if (binding.Metrics[m] >= 0)
            {
                _metrics[m]!.PrepareNulls(batch.Column(binding.Metrics[m]), _groups.RowCounts, _groups.Count);
            }
        }

        _groups.Resolve(times, _ids, weights, groups);
        for (var m = 0; m < _metrics.Length; m++)
        {
            var metric = _metrics[m];
            if (metric is null)
            {
                continue;
            }

            metric.EnsureCapacity(_groups.Count);
            var argument = binding.Metrics[m] >= 0 ? batch.Column(binding.Metrics[m]) : null;
            metric.Apply(groups, argument, weights, _epoch);
        }

        // Retention needs the oldest bucket; without it the count of applied rows is all that is kept.
        var applied = cancelled;
        if (Definition.Retention is null)
        {
            foreach (var group in groups)
            {
                applied += group >= 0 ? 1 : 0;
            }
        }
        else
        {
            var oldest = _oldestBucket;
            for (var i = 0; i < groups.Length; i++)
            {
                if (groups[i] >= 0)
                {
                    applied++;
                    oldest = Math.Min(oldest, times[i]);
                }
            }

            _oldestBucket = oldest;
        }

        _rowsApplied += applied;
    }

    /// <summary>
    /// Skips each retraction immediately followed by the same row image added back (an UPDATE that changed no
    /// column of this rollup, such as a status change seen by a rollup without status): the pair changes
    /// nothing, so neither row is applied. Candidates are found on keys and weights, then narrowed one metric
    /// column at a time. Returns the rows skipped, which count as applied.
    /// </summary>
    private int CancelNoOpUpdates(RecordBatch batch, Binding binding, ReadOnlySpan<long> times,
        ReadOnlySpan<sbyte> weights, Span<int> groups)
    {
        var pairs = _pairs.AsSpan();
        var count = 0;
        for (var i = 0; i + 1 < groups.Length; i++)
        {
            if (weights[i] < 0 && weights[i] == -weights[i + 1] && groups[i] >= 0 && groups[i + 1] >= 0 &&
                times[i] == times[i + 1] && SameKey(i, i + 1))
            {
                pairs[count++] = i++;
            }
        }

        foreach (var column in binding.Metrics)
        {
            if (count > 0 && column >= 0)
            {
                count = ArrowColumns.KeepEqualPairs(batch.Column(column), pairs[..count]);
            }
        }

        foreach (var pair in pairs[..count])
        {
            groups[pair] = -1;
            groups[pair + 1] = -1;
        }

        return count * 2;
    }

    private bool SameKey(int a, int b)
    {
        foreach (var ids in _ids)
        {
            if (ids[a] != ids[b])
            {
                return false;
            }
        }

        return true;
    }

    private void EnsureScratch(int rows)
    {
        if (_groupIds.Length >= rows)
        {
            return;
        }

        var size = Math.Max(rows, _groupIds.Length * 2);
        _groupIds = new int[size];
        _pairs = new int[size];
        _times = new long[size];
        for (var d = 0; d < _ids.Length; d++)
        {
            _ids[d] = new int[size];
        }
    }

    private ReadOnlySpan<sbyte> Weights(RecordBatch batch, Binding binding)
    {
        var weights = (Int8Array)batch.Column(binding.Weight);
        if (weights.NullCount > 0)
        {
            throw new RollupSchemaException(Name, RollupDefinition.WeightColumn, "weights must not be NULL");
        }

        return weights.Values;
    }

    private ReadOnlySpan<long> Times(IArrowArray column, Span<int> groups)
    {
        ReadOnlySpan<long> times;
        if (column is TimestampArray stamps && ((TimestampType)stamps.Data.DataType).Unit != TimeUnit.Millisecond)
        {
            var converted = _times.AsSpan(0, stamps.Length);
            ArrowColumns.ReadKeys(stamps, converted);
            times = converted;
        }
        else
        {
            times = ((PrimitiveArray<long>)column).Values;
        }

        groups.Clear();
        if (column.NullCount > 0)
        {
            for (var i = 0; i < groups.Length; i++)
            {
                if (column.IsNull(i))
                {
                    groups[i] = -1;
                    _rowsWithoutTime++;
                }
            }
        }

        return times;
    }

    private void SkipExpired(ReadOnlySpan<long> times, Span<int> groups)
    {
        if (Definition.Retention is not { } retention)
        {
            return;
        }

        var cutoff = RetentionCutoff(retention);
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] >= 0 && times[i] < cutoff)
            {
                groups[i] = -1;
                _rowsOutsideRetention++;
            }
        }
    }

    private long RetentionCutoff(TimeSpan retention) =>
        _clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)retention.TotalMilliseconds;

    /// <summary>
    /// Publishes everything applied so far as a new version carrying <paramref name="position"/>, after
    /// dropping buckets past retention and resetting groups that emptied. Readers that pinned an older version
    /// keep it unchanged.
    /// </summary>
    /// <param name="position">The binlog position (or any marker) of the last transaction applied.</param>
    /// <returns>The version just published.</returns>
    public RollupVersion Commit(object? position)
    {
        if (Definition.Retention is { } retention)
        {
            var cutoff = RetentionCutoff(retention);
            if (cutoff > _oldestBucket)
            {
                foreach (var group in _groups.EmptyBefore(cutoff))
                {
                    ResetMetrics(group);
                }

                _oldestBucket = OldestLiveBucket();
                _groups.CompactIfWorthwhile(minimum: 1);
            }
        }

        foreach (var group in _groups.Emptied)
        {
            if (_groups.RowCounts.Get(group) == 0)
            {
                ResetMetrics(group);
            }
        }

        _groups.Emptied.Clear();
        _groups.CompactIfWorthwhile();
        var version = Publish(position);
        Volatile.Write(ref _current, version);
        return version;
    }

    private long OldestLiveBucket()
    {
        var oldest = long.MaxValue;
        for (var group = 0; group < _groups.Count; group++)
        {
            if (_groups.RowCounts.Get(group) != 0)
            {
                oldest = Math.Min(oldest, _groups.Time.Get(group));
            }
        }

        return oldest;
    }

    private void ResetMetrics(int group)
    {
        foreach (var metric in _metrics)
        {
            metric?.Reset(group);
        }
    }

    private RollupVersion Publish(object? position)
    {
        var count = _groups.Count;
        var rowCounts = _groups.RowCounts.Publish(count);
        var dimensions = new ColumnSnapshot<int>[_dictionaries.Length];
        var dictionaries = new DictionarySnapshot?[_dictionaries.Length];
        for (var d = 0; d < dimensions.Length; d++)
        {
            dimensions[d] = _groups.Dimensions[d].Publish(count);
            dictionaries[d] = _dictionaries[d]?.Publish();
        }

        var metrics = new MetricSnapshot?[_metrics.Length];
        for (var m = 0; m < metrics.Length; m++)
        {
            metrics[m] = Definition.Metrics[m].Kind == AggregatorKind.Count
                ? new CountSnapshot(Definition.Metrics[m], rowCounts)
                : _metrics[m]?.Publish(count, rowCounts);
        }

        var time = _groups.Time.Publish(count);
        var chunkFirst = _groups.ChunkFirstBucket.Publish(_groups.ChunkCount);
        var chunkLast = _groups.ChunkLastBucket.Publish(_groups.ChunkCount);
        _epoch++;
        return new RollupVersion(Definition, _sequence++, position, _clock.GetUtcNow(), Columns(), count, time,
            dimensions, dictionaries, rowCounts, metrics, chunkFirst, chunkLast);
    }
}
