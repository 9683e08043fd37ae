namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// A rollup and the SELECT that computes the same groups in MariaDB, for a comparison after a workload.
/// </summary>
/// <param name="Name">The rollup's name.</param>
/// <param name="RollupSql">The rollup in Monolith's dialect; <c>{db}</c> stands for the test's database.</param>
/// <param name="TruthSql">The MariaDB SELECT, run in the test's database: first the bucket start in epoch
/// milliseconds, then the dimensions and the metrics in the rollup's order.</param>
/// <param name="SessionZone">The MariaDB session's <c>time_zone</c> while the SELECT runs.</param>
/// <param name="RollupZone">The rollup's TimeZone option (an IANA name), or null for UTC.</param>
/// <param name="MinGroups">The least number of groups the workload must produce for the case to mean something.
/// </param>
internal sealed record RollupCase(
    string Name,
    string RollupSql,
    string TruthSql,
    string SessionZone = "+00:00",
    string? RollupZone = null,
    int MinGroups = 2)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
