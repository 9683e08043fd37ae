using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups;

/// <summary>
/// One published, immutable state of a rollup: whole committed transactions up to <see cref="Position"/>.
/// A query pins a version (reads <see cref="Rollup.Current"/> once) and reads it without locks while the
/// writer goes on applying batches and publishing newer versions.
/// </summary>
public sealed class RollupVersion
{
    internal RollupVersion(
        RollupDefinition definition,
        long sequence,
        object? position,
        DateTimeOffset committedAt,
        IReadOnlyList<RollupColumn> columns,
        int groupCount,
        ColumnSnapshot<long> time,
        ColumnSnapshot<int>[] dimensions,
        DictionarySnapshot?[] dictionaries,
        ColumnSnapshot<long> rowCounts,
        MetricSnapshot?[] metrics,
        ColumnSnapshot<long> chunkFirstBucket,
        ColumnSnapshot<long> chunkLastBucket)
    {
        ChunkFirstBucket = chunkFirstBucket;
        ChunkLastBucket = chunkLastBucket;
        Definition = definition;
        Sequence = sequence;
        Position = position;
        CommittedAt = committedAt;
        Columns = columns;
        GroupCount = groupCount;
        Time = time;
        Dimensions = dimensions;
        Dictionaries = dictionaries;
        RowCounts = rowCounts;
        Metrics = metrics;
    }

    /// <summary>The rollup's definition.</summary>
    public RollupDefinition Definition { get; }

    /// <summary>1 for the first commit, counting up; 0 for the empty state before any commit.</summary>
    public long Sequence { get; }

    /// <summary>The position the writer passed to <see cref="Rollup.Commit"/>: the binlog position (or any
    /// marker) of the last transaction this version reflects.</summary>
    public object? Position { get; }

    /// <summary>When the version was published.</summary>
    public DateTimeOffset CommittedAt { get; }

    /// <summary>The columns: <c>__time</c>, the dimensions, then the metrics.</summary>
    public IReadOnlyList<RollupColumn> Columns { get; }

    /// <summary>Group slots; slots whose row count is not positive are not part of the data.</summary>
    internal int GroupCount { get; }

    internal ColumnSnapshot<long> Time { get; }

    internal ColumnSnapshot<int>[] Dimensions { get; }

    /// <summary>Per dimension, its dictionary; null while the rollup has no schema.</summary>
    internal DictionarySnapshot?[] Dictionaries { get; }

    internal ColumnSnapshot<long> RowCounts { get; }

    /// <summary>Per metric, its published state; null while the rollup has no schema.</summary>
    internal MetricSnapshot?[] Metrics { get; }

    /// <summary>Zone map: per chunk of groups, the earliest bucket of any group in it.</summary>
    internal ColumnSnapshot<long> ChunkFirstBucket { get; }

    /// <summary>Zone map: per chunk of groups, the latest bucket of any group in it.</summary>
    internal ColumnSnapshot<long> ChunkLastBucket { get; }

    /// <summary>True when group <paramref name="group"/> holds rows.</summary>
    internal bool IsLive(int group) => RowCounts[group] > 0;
}
