using System.Globalization;
using System.Text;

namespace Monolith.Shop.Workload;

/// <summary>What a workload run did, as the server acknowledged it.</summary>
public sealed class WorkloadReport
{
    internal WorkloadReport(
        TimeSpan elapsed, IReadOnlyDictionary<string, TableChanges> tables,
        IReadOnlyDictionary<ShopTransactionKind, long> transactionsByKind,
        IReadOnlyDictionary<string, long> orderStatusChanges, long deadlocks, long lockWaitTimeouts, long failed)
    {
        Elapsed = elapsed;
        Tables = tables;
        TransactionsByKind = transactionsByKind;
        OrderStatusChanges = orderStatusChanges;
        Deadlocks = deadlocks;
        LockWaitTimeouts = lockWaitTimeouts;
        Failed = failed;
    }

    /// <summary>From the first transaction to the last commit.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Committed transactions.</summary>
    public long Transactions => TransactionsByKind.Values.Sum();

    /// <summary>Committed transactions of each kind.</summary>
    public IReadOnlyDictionary<ShopTransactionKind, long> TransactionsByKind { get; }

    /// <summary>
    /// Rows inserted, updated and deleted per table, as the server reported them (changed, not matched).
    /// </summary>
    public IReadOnlyDictionary<string, TableChanges> Tables { get; }

    /// <summary>
    /// The net change of the number of orders in each status (<c>pending</c>, <c>paid</c>, ...): on a database
    /// that starts without orders, the count of orders in each status at the end.
    /// </summary>
    public IReadOnlyDictionary<string, long> OrderStatusChanges { get; }

    /// <summary>Deadlocks met; each rolled the transaction back and ran it again.</summary>
    public long Deadlocks { get; }

    /// <summary>Lock wait timeouts met; each rolled the transaction back and ran it again.</summary>
    public long LockWaitTimeouts { get; }

    /// <summary>Transactions rolled back for good (retries exhausted or another server error).</summary>
    public long Failed { get; }

    /// <summary>Rows inserted, updated and deleted in all tables.</summary>
    public long RowChanges => Tables.Values.Sum(t => t.Total);

    public double TransactionsPerSecond => PerSecond(Transactions);

    public double RowChangesPerSecond => PerSecond(RowChanges);

    /// <summary>A table for people: totals, rates, and the changes per table.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"transactions   {Transactions,12:N0}   {TransactionsPerSecond,10:N0}/s");
        text.AppendLine(c, $"row changes    {RowChanges,12:N0}   {RowChangesPerSecond,10:N0}/s");
        text.AppendLine(c, $"elapsed        {Elapsed.TotalSeconds,12:N1} s");
        text.AppendLine(c, $"deadlocks      {Deadlocks,12:N0}   (retried)");
        text.AppendLine(c, $"lock timeouts  {LockWaitTimeouts,12:N0}   (retried)");
        text.AppendLine(c, $"failed         {Failed,12:N0}");
        text.AppendLine(c, $"{"table",-14} {"inserted",12} {"updated",12} {"deleted",12}");
        foreach (var (table, changes) in Tables)
        {
            text.AppendLine(c, $"{table,-14} {changes.Inserted,12:N0} {changes.Updated,12:N0} {changes.Deleted,12:N0}");
        }

        text.Append("orders by status (net): ")
            .AppendJoin(", ", OrderStatusChanges.Select(s => string.Create(c, $"{s.Key} {s.Value:+#;-#;0}")));
        return text.ToString();
    }

    private double PerSecond(long count) => Elapsed > TimeSpan.Zero ? count / Elapsed.TotalSeconds : 0;
}
