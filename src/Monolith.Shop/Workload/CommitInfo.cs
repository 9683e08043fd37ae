namespace Monolith.Shop.Workload;

/// <summary>
/// One committed transaction, handed to <see cref="ShopWorkloadOptions.OnCommit"/> right after the server
/// acknowledged the COMMIT.
/// </summary>
/// <param name="Sequence">The transaction's number in the run, from 1.</param>
/// <param name="Connection">The workload connection that ran it, from 0.</param>
/// <param name="Kind">What it did.</param>
/// <param name="CommittedAt">The machine's clock when the COMMIT was acknowledged.</param>
/// <param name="CommittedTimestamp">
/// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at the same moment, for latency measurements.
/// </param>
/// <param name="BusinessTime">The instant written into the rows (equal to the clock in real time mode).</param>
/// <param name="RowChanges">Rows inserted, updated and deleted by the transaction.</param>
public readonly record struct CommitInfo(
    long Sequence, int Connection, ShopTransactionKind Kind, DateTimeOffset CommittedAt, long CommittedTimestamp,
    DateTimeOffset BusinessTime, int RowChanges);
