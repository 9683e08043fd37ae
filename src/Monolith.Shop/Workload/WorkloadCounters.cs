using Monolith.Shop.Schema;

namespace Monolith.Shop.Workload;

/// <summary>Totals of a run, updated by every connection after each commit.</summary>
internal sealed class WorkloadCounters
{
    public static readonly string[] Statuses = ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"];

    private readonly long[] _rows = new long[ShopSchema.Tables.Count * 3];
    private readonly long[] _kinds = new long[Enum.GetValues<ShopTransactionKind>().Length];
    private readonly long[] _statuses = new long[Statuses.Length];
    private long _deadlocks;
    private long _lockWaitTimeouts;
    private long _failed;

    public static int TableIndex(string table)
    {
        for (var i = 0; i < ShopSchema.Tables.Count; i++)
        {
            if (ShopSchema.Tables[i] == table)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table of the shop.");
    }

    public static int StatusIndex(string status) => Array.IndexOf(Statuses, status) is var i and >= 0
        ? i
        : throw new ArgumentOutOfRangeException(nameof(status), status, "Not an order status.");

    public void AddRows(int table, RowOperation operation, long rows) =>
        Interlocked.Add(ref _rows[(table * 3) + (int)operation], rows);

    public void AddCommitted(ShopTransactionKind kind) => Interlocked.Increment(ref _kinds[(int)kind]);

    public void AddStatus(int status, long orders) => Interlocked.Add(ref _statuses[status], orders);

    public void AddDeadlock() => Interlocked.Increment(ref _deadlocks);

    public void AddLockWaitTimeout() => Interlocked.Increment(ref _lockWaitTimeouts);

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public WorkloadReport ToReport(TimeSpan elapsed)
    {
        var tables = new Dictionary<string, TableChanges>();
        for (var t = 0; t < ShopSchema.Tables.Count; t++)
        {
            tables[ShopSchema.Tables[t]] = new TableChanges(
                Interlocked.Read(ref _rows[t * 3]), Interlocked.Read(ref _rows[(t * 3) + 1]),
                Interlocked.Read(ref _rows[(t * 3) + 2]));
        }

        var kinds = Enum.GetValues<ShopTransactionKind>()
            .ToDictionary(k => k, k => Interlocked.Read(ref _kinds[(int)k]));
        var statuses = Enumerable.Range(0, Statuses.Length)
            .ToDictionary(s => Statuses[s], s => Interlocked.Read(ref _statuses[s]));
        return new WorkloadReport(elapsed, tables, kinds, statuses, Interlocked.Read(ref _deadlocks),
            Interlocked.Read(ref _lockWaitTimeouts), Interlocked.Read(ref _failed));
    }
}
