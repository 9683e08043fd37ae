using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Replication;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// Every error in a rollup's SQL stops the pipeline at start-up, before a row is read, with a
/// <see cref="RollupDefinitionException"/> that names the rollup, says what is wrong or what was expected, and
/// points at the offending place in the statement (line and column), against the real table's columns.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class RollupErrorTests(PrivateMariaDb server)
{
    private const string Time = "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, ";

    /// <summary>The rollup, what its message must say, and the text the reported position must fall in.</summary>
    public static TheoryData<string, string, string> Errors { get; } = new()
    {
        { Time + "colour, COUNT(*) AS n FROM {db}.orders GROUP BY 1, 2",
            "column 'colour' does not exist; the table has id, user_id, status", "colour" },
        { Time + "status, SUM(SQRT(total)) AS r FROM {db}.orders GROUP BY 1, 2",
            "function SQRT is not supported in a rollup; expected one of ", "SQRT(total)" },
        { Time + "status, SUM(total + created_at) AS r FROM {db}.orders GROUP BY 1, 2",
            "needs numbers", "total + created_at" },
        { Time + "status, COUNT(*) AS n FROM {db}.orders WHERE created_at > 100 GROUP BY 1, 2",
            "cannot be compared", "created_at > 100" },
        { "SELECT TIME_FLOOR(created_at, 'PT1X') AS __time, status, COUNT(*) AS n FROM {db}.orders GROUP BY 1, 2",
            "PT1X", "'PT1X'" },
        { "SELECT TIME_FLOOR(status, 'PT1H') AS __time, COUNT(*) AS n FROM {db}.orders GROUP BY 1",
            "the time argument of TIME_FLOOR must be a DATETIME, TIMESTAMP or DATE", "status" },
        { Time + "o.status, COUNT(*) AS n FROM {db}.orders GROUP BY 1, 2",
            "'o.status' names a table that is not in the FROM clause", "o.status" },
        { Time + "SUBSTRING(status) AS s, COUNT(*) AS n FROM {db}.orders GROUP BY 1, 2",
            "takes 2 or 3 arguments", "SUBSTRING(status)" },
        { Time + "status, COUNT(*) AS n FROM {db}.orders WHERE status LIKE coupon_code GROUP BY 1, 2",
            "the pattern of LIKE must be a string literal", "coupon_code" },
        { Time + "TIMESTAMPADD(FORTNIGHT, 1, created_at) AS t, COUNT(*) AS n FROM {db}.orders GROUP BY 1, 2",
            "'FORTNIGHT' is not a time unit", "FORTNIGHT" },
        { "SELECT TIME_FLOOR(created_at, 'P1D') AS __time, JSON_VALUE(attributes, 'colour') AS c, COUNT(*) AS n " +
            "FROM {db}.products GROUP BY 1, 2",
            "path", "JSON_VALUE(attributes, 'colour')" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_rollup_error_is_reported_at_start_up_with_its_place(string rollup, string problem,
        string place)
    {
        var shop = await StreamShop.GetAsync(server);
        var sql = rollup.Replace("{db}", shop.Database, StringComparison.Ordinal);

        var error = Assert.Throws<RollupDefinitionException>(() =>
        {
            var definition = RollupDefinition.Parse("bad", sql);
            _ = new MonolithPipeline(ReplicationTestKit.Options(server, shop.Start), [definition],
                NullLoggerFactory.Instance);
        });

        Assert.StartsWith("rollup 'bad': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        var start = sql.IndexOf(place, StringComparison.Ordinal);
        Assert.True(error.Offset >= start && error.Offset < start + place.Length,
            $"the error points at offset {error.Offset} ('{sql[Math.Max(0, error.Offset)..]}'), not into '{place}' " +
            $"at {start}: {error.Message}");
        Assert.EndsWith($" at {SqlTextPosition.Describe(sql, error.Offset)}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An aggregate over a type it cannot take is refused by the rollup store when the pipeline registers the
    /// rollup, still at start-up, naming the rollup and the metric (the store sees the bound type, not the SQL, so
    /// this message carries no position).
    /// </summary>
    [Fact]
    public async Task An_aggregate_over_a_type_it_cannot_take_fails_at_start_up_naming_the_metric()
    {
        var shop = await StreamShop.GetAsync(server);
        var definition = RollupDefinition.Parse("bad",
            Time + $"status, SUM(status) AS s FROM {shop.Database}.orders GROUP BY 1, 2");

        var error = Assert.Throws<RollupSchemaException>(() => new MonolithPipeline(
            ReplicationTestKit.Options(server, shop.Start), [definition], NullLoggerFactory.Instance));

        Assert.Equal("rollup 'bad', column 's': SUM cannot aggregate utf8", error.Message);
    }
}
