namespace Monolith.Engine.Enrichment;

/// <summary>
/// What the joins of one rollup met, counted by the compute thread and read by any thread (for <c>/status</c>).
/// </summary>
public sealed class JoinCounters
{
    private long _factsWithoutDimensionRow;
    private long _retractionsWithoutRecord;

    internal JoinCounters(string rollup) => Rollup = rollup;

    /// <summary>The rollup's name.</summary>
    public string Rollup { get; }

    /// <summary>
    /// Fact row images (inserted rows and the new image of updated rows) that found no row in at least one joined
    /// table (none inserted yet, deleted, or a NULL key): counted under NULL for a LEFT JOIN, left out for an INNER
    /// JOIN. Never dropped silently: each is counted here.
    /// </summary>
    public long FactsWithoutDimensionRow => Volatile.Read(ref _factsWithoutDimensionRow);

    /// <summary>
    /// Removed fact row images (deleted rows and the old image of updated rows) without a recorded join, because
    /// the row was written before reading started: retracted with the dimension rows as they stood when removed.
    /// </summary>
    public long RetractionsWithoutRecord => Volatile.Read(ref _retractionsWithoutRecord);

    internal void AddFactWithoutDimensionRow() =>
        Volatile.Write(ref _factsWithoutDimensionRow, _factsWithoutDimensionRow + 1);

    internal void AddRetractionWithoutRecord() =>
        Volatile.Write(ref _retractionsWithoutRecord, _retractionsWithoutRecord + 1);
}
