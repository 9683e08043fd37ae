using Monolith.Engine.Query;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// Every group of every ledger rollup, after the seeded workload of inserts, updates and deletes, equals the same
/// aggregates computed by MariaDB over the source table, group by group; groups whose rows were all deleted are
/// gone.
/// </summary>
[Collection(OlapCollection.Name)]
public sealed class LedgerRollupTests(OlapFixture olap)
{
    public static TheoryData<string> RollupNames => [.. LedgerSchema.Rollups.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RollupNames))]
    public async Task Every_group_equals_MariaDBs_aggregates_over_the_source_rows(string name)
    {
        var rollup = LedgerSchema.Rollups.Single(r => r.Name == name);
        var metrics = LedgerSchema.Metrics;
        var druid = $"SELECT __time, {string.Join(", ", rollup.Dimensions)}, " +
                    $"{string.Join(", ", metrics.Select(m => m.Name))} FROM {name}";
        var truth = $"SELECT r_ms, {string.Join(", ", rollup.Dimensions)}, " +
                    string.Join(", ", metrics.Select(m => Answers.TruthExpression(m.Truth, m.Kind))) +
                    $" FROM {LedgerQueries.Source(rollup, null)} GROUP BY r_ms, {string.Join(", ", rollup.Dimensions)}";
        var kinds = new List<TruthKind> { TruthKind.Bucket };
        kinds.AddRange(rollup.Dimensions.Select(_ => TruthKind.Text));
        kinds.AddRange(metrics.Select(m => m.Kind));

        var expected = await Answers.MariaDbAsync(olap, OlapFixture.LedgerDatabase, truth);
        var actual = Answers.Of(olap.Queries.ExecuteSql(druid));

        Assert.True(expected.Count > 10, $"{name} has only {expected.Count} groups: the workload spread too little");
        Answers.AssertSame($"{druid}\n{truth}", expected, actual, kinds, ordered: false);
    }

    [Fact]
    public void The_workload_exercised_every_hard_case()
    {
        var operations = olap.LedgerOperations;
        foreach (var kind in new[]
                 {
                     "insert", "update values", "move", "delete", "delete min amount", "delete max amount",
                     "delete max score", "delete min qty", "delete min booked_at", "delete max settled_at",
                     "lower the max", "raise the min", "delete group", "delete last row", "rollback",
                 })
        {
            Assert.True(operations.GetValueOrDefault(kind) > 0, $"the ledger workload never ran '{kind}'");
        }

        Assert.Empty(olap.Pipeline.BindingErrors);
        Assert.Equal(0, olap.Pipeline.Counters.Rejected);
    }
}
