namespace Monolith.Engine.Rollups;

/// <summary>
/// Figures about one rollup for <c>/status</c> and metrics: what the current version reflects, how many groups
/// it holds and how much memory its state takes, and how many rows were applied or thrown away.
/// </summary>
public sealed record RollupStatus
{
    /// <summary>Rollup name.</summary>
    public required string Name { get; init; }

    /// <summary>Sequence number of the current version (0 before the first commit).</summary>
    public required long Version { get; init; }

    /// <summary>The position passed to the commit that published the current version.</summary>
    public object? Position { get; init; }

    /// <summary>When the current version was published.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>Groups with rows: what queries see.</summary>
    public required long LiveGroups { get; init; }

    /// <summary>Groups whose rows were all retracted, awaiting reuse of their slots.</summary>
    public required long EmptyGroups { get; init; }

    /// <summary>Groups whose row count is negative: retractions of rows the rollup never saw (for example when
    /// reading started in the middle of the binlog without a snapshot). Queries do not show them.</summary>
    public required long NegativeGroups { get; init; }

    /// <summary>Bytes of per-group state: key columns, row counts, metric columns and per-group sets and
    /// sketches.</summary>
    public required long StateBytes { get; init; }

    /// <summary>Bytes of the dimension dictionaries (values and look-up tables).</summary>
    public required long DictionaryBytes { get; init; }

    /// <summary>Bytes of the writer's group hash index.</summary>
    public required long IndexBytes { get; init; }

    /// <summary>Distinct values per dimension (including NULL when it occurred).</summary>
    public required IReadOnlyDictionary<string, int> DictionarySizes { get; init; }

    /// <summary>Row changes applied (each +1 or -1 weight counts once).</summary>
    public required long RowsApplied { get; init; }

    /// <summary>Rows thrown away because their <c>__time</c> was NULL.</summary>
    public required long RowsWithoutTime { get; init; }

    /// <summary>Rows thrown away because their bucket is older than the retention period.</summary>
    public required long RowsOutsideRetention { get; init; }

    /// <summary>Values not aggregated: NaN or infinite doubles in sums and quantile sketches.</summary>
    public required long IgnoredValues { get; init; }

    /// <summary>Retractions APPROX_COUNT_DISTINCT could not apply because a group's sketch had left exact
    /// mode.</summary>
    public required long IgnoredRetractions { get; init; }

    /// <summary>Total bytes: state, dictionaries and index.</summary>
    public long TotalBytes => StateBytes + DictionaryBytes + IndexBytes;

    /// <summary>Average bytes per live group, or 0 without groups.</summary>
    public long BytesPerGroup => LiveGroups == 0 ? 0 : TotalBytes / LiveGroups;
}
