using Monolith.Engine.Query;
using Xunit.Sdk;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// Seeded random Druid SQL queries over every ledger rollup (see <see cref="LedgerQueryGenerator"/>) answer what
/// MariaDB answers over the source table.
/// </summary>
[Collection(OlapCollection.Name)]
public sealed class RandomQueryTests(OlapFixture olap)
{
    private const int QueriesPerRollup = 60;

    public static TheoryData<string> RollupNames => [.. LedgerSchema.Rollups.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RollupNames))]
    public async Task Random_queries_answer_what_MariaDB_answers_over_the_source_rows(string name)
    {
        var index = LedgerSchema.Rollups.ToList().FindIndex(r => r.Name == name);
        var generator = new LedgerQueryGenerator(LedgerSchema.Rollups[index], new Random(9000 + index));
        var failures = new List<string>();
        for (var q = 0; q < QueriesPerRollup; q++)
        {
            var query = generator.Next();
            try
            {
                var expected = await Answers.MariaDbAsync(olap, OlapFixture.LedgerDatabase, query.Truth);
                var actual = Answers.Of(olap.Queries.ExecuteSql(query.Druid));
                Answers.AssertSame($"query {q}\n{query}", expected, actual, query.Kinds, query.Ordered);
            }
            catch (Exception e) when (e is QueryException or FailException or MySqlConnector.MySqlException)
            {
                failures.Add($"query {q}: {e.GetType().Name}: {e.Message}\n{query}");
            }
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {QueriesPerRollup} queries disagree:\n\n{string.Join("\n\n", failures.Take(6))}");
    }
}
