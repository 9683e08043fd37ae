namespace Monolith.Engine.Pipeline;

/// <summary>
/// What the pipeline did, counted by the compute thread and read by any thread (for <c>/status</c> and
/// <c>/metrics</c>). Rejected changes keep their last few reasons, as Druid keeps its parse exceptions.
/// </summary>
public sealed class PipelineCounters
{
    private readonly Queue<string> _recentErrors = new();
    private readonly int _keepErrors;
    private long _transactions;
    private long _rows;
    private long _batches;
    private long _rejected;
    private long _schemaChanges;
    private long _publishes;
    private long _factsWithoutDimensionRow;
    private long _lastHandOffToVisibleTicks;
    private PipelinePosition? _published;

    /// <summary>Creates counters that keep the last <paramref name="keepErrors"/> rejection reasons.</summary>
    public PipelineCounters(int keepErrors = 10) => _keepErrors = keepErrors;

    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Row changes decoded (an UPDATE counts once).</summary>
    public long Rows => Interlocked.Read(ref _rows);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Row changes no rollup could use (unbound rollup, malformed row, type the rollup rejects).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long SchemaChanges => Interlocked.Read(ref _schemaChanges);

    public long Publishes => Interlocked.Read(ref _publishes);

    /// <summary>
    /// Row images of fact tables (inserted rows, new images of updated rows) that found no row in at least one
    /// table their rollups join: counted under NULL by a LEFT JOIN, left out by an INNER JOIN, never silently.
    /// </summary>
    public long FactsWithoutDimensionRow => Interlocked.Read(ref _factsWithoutDimensionRow);

    /// <summary>The position of the latest published version.</summary>
    public PipelinePosition? PublishedPosition => Volatile.Read(ref _published);

    /// <summary>For the latest published transaction, the time from its hand-off by the source to visibility.</summary>
    public TimeSpan LastHandOffToVisible => TimeSpan.FromTicks(Interlocked.Read(ref _lastHandOffToVisibleTicks));

    /// <summary>
    /// For every transaction, the time Monolith itself added: from its commit event being handed on by the source
    /// (read off the replication connection and decoded) to the publish of the first version that holds it.
    /// </summary>
    public LatencyHistogram CommitToVisible { get; } = new();

    /// <summary>The last few reasons changes were rejected, oldest first.</summary>
    public IReadOnlyList<string> RecentErrors
    {
        get
        {
            lock (_recentErrors)
            {
                return [.. _recentErrors];
            }
        }
    }

    internal void AddTransaction() => Interlocked.Increment(ref _transactions);

    internal void AddRows(long rows) => Interlocked.Add(ref _rows, rows);

    internal void AddBatch() => Interlocked.Increment(ref _batches);

    internal void AddFactWithoutDimensionRow() => Interlocked.Increment(ref _factsWithoutDimensionRow);

    internal void AddSchemaChange() => Interlocked.Increment(ref _schemaChanges);

    internal void AddRejected(string where, string reason, long rows = 1)
    {
        Interlocked.Add(ref _rejected, rows);
        lock (_recentErrors)
        {
            _recentErrors.Enqueue($"{DateTimeOffset.UtcNow:O} {where}: {reason}");
            while (_recentErrors.Count > _keepErrors)
            {
                _recentErrors.Dequeue();
            }
        }
    }

    internal void Published(PipelinePosition position, TimeSpan handOffToVisible)
    {
        Volatile.Write(ref _published, position);
        Interlocked.Increment(ref _publishes);
        Interlocked.Exchange(ref _lastHandOffToVisibleTicks, handOffToVisible.Ticks);
    }
}
