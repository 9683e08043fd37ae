namespace Monolith.IntegrationTests.Olap;

/// <summary>MariaDB statements over the ledger that bucket rows as a rollup does.</summary>
internal static class LedgerQueries
{
    /// <summary>
    /// A derived table of the ledger rows the rollup reads, with <c>r_ms</c>, the rollup's bucket, and, when a
    /// query buckets coarser, <c>q_ms</c>.
    /// </summary>
    public static string Source(LedgerRollup rollup, string? queryPeriod)
    {
        var timeColumn = rollup.Basis == TimeBasis.WallClock ? "booked_at" : "settled_at";
        var query = queryPeriod is null
            ? ""
            : $", {Answers.BucketExpression(timeColumn, rollup.Basis, queryPeriod)} AS q_ms";
        var where = rollup.Where is null ? "" : $" WHERE {rollup.Where}";
        return $"(SELECT {Answers.BucketExpression(timeColumn, rollup.Basis, rollup.Period)} AS r_ms{query}, l.* " +
               $"FROM {LedgerSchema.Table} l{where}) s";
    }
}
