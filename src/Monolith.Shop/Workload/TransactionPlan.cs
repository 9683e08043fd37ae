namespace Monolith.Shop.Workload;

/// <summary>
/// A transaction decided before it runs: its statements, the user variables to read back after them, and what to
/// change in the workload's memory once it has committed. A plan is run again unchanged after a deadlock.
/// </summary>
internal sealed class TransactionPlan(ShopTransactionKind kind)
{
    public ShopTransactionKind Kind { get; } = kind;

    public List<PlannedStatement> Statements { get; } = [];

    /// <summary>User variables (without '@') selected after the last statement, as unsigned integers.</summary>
    public List<string> Variables { get; } = [];

    /// <summary>Applied after COMMIT with the rows each statement changed and the variables' values.</summary>
    public List<Action<TransactionOutcome>> OnCommitted { get; } = [];

    /// <summary>
    /// Adds a statement; returns its position, which indexes <see cref="TransactionOutcome.Affected"/>.
    /// </summary>
    public int Add(string sql, string? table, RowOperation operation, params (string Name, object? Value)[] parameters)
    {
        Statements.Add(new PlannedStatement(
            sql, table is null ? -1 : WorkloadCounters.TableIndex(table), operation, parameters));
        return Statements.Count - 1;
    }

    /// <summary>Reads a user variable back after the statements; returns its position in the outcome.</summary>
    public int Read(string variable)
    {
        Variables.Add(variable);
        return Variables.Count - 1;
    }
}
