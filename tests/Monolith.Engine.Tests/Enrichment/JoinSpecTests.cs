using Monolith.Engine.Enrichment.Joins;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Enrichment;

public sealed class JoinSpecTests
{
    [Fact]
    public void A_chain_of_joins_names_the_table_each_key_comes_from()
    {
        var spec = JoinSpec.Parse(Rollup(
            "SELECT TIME_FLOOR(oi.created_at, 'PT1H') AS __time, c.name AS category, SUM(oi.quantity) AS units " +
            "FROM shop.order_items oi JOIN shop.products p ON oi.product_id = p.id " +
            "LEFT JOIN shop.categories c ON c.id = p.category_id GROUP BY 1, 2"))!;

        Assert.Equal(["order_items", "oi"], spec.FactQualifiers);
        Assert.Equal(2, spec.Joins.Count);
        Assert.Equal(("shop", "products", "p", "id", "product_id", -1, true),
            Describe(spec.Joins[0]));
        Assert.Equal(("shop", "categories", "c", "id", "category_id", 0, false),
            Describe(spec.Joins[1]));
        Assert.Equal(["id", "name"], spec.Joins[1].Columns.Keys.Order());
    }

    [Fact]
    public void A_rollup_without_joins_has_no_spec()
    {
        Assert.Null(JoinSpec.Parse(Rollup(
            "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, COUNT(*) AS n FROM shop.orders GROUP BY 1")));
    }

    [Theory]
    [InlineData("oi.product_id > p.id", "a join condition must compare")]
    [InlineData("oi.product_id = oi.order_id", "does not name a column of p")]
    [InlineData("p.id = p.category_id", "compares two columns of p")]
    [InlineData("x.product_id = p.id", "'x' is not a table of this rollup")]
    public void An_unsupported_join_condition_is_refused_with_its_position(string condition, string problem)
    {
        var sql = "SELECT TIME_FLOOR(oi.created_at, 'PT1H') AS __time, p.name AS product, COUNT(*) AS n " +
                  $"FROM shop.order_items oi JOIN shop.products p ON {condition} GROUP BY 1, 2";

        var error = Assert.Throws<RollupDefinitionException>(() => JoinSpec.Parse(Rollup(sql)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Offset, sql.IndexOf(" ON ", StringComparison.Ordinal), sql.IndexOf(" GROUP",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Binding_a_joining_rollup_without_the_compute_stage_is_refused()
    {
        var rollup = Rollup("SELECT TIME_FLOOR(oi.created_at, 'PT1H') AS __time, COUNT(*) AS n " +
                            "FROM shop.order_items oi JOIN shop.products p ON oi.product_id = p.id GROUP BY 1");

        var error = Assert.Throws<RollupDefinitionException>(() =>
            RollupBinding.Create(rollup, new Apache.Arrow.Schema([], null)));

        Assert.Contains("compute stage", error.Message, StringComparison.Ordinal);
    }

    private static RollupDefinition Rollup(string sql) => RollupDefinition.Parse("r", sql);

    private static (string, string, string, string, string, int, bool) Describe(JoinedTable join) =>
        (join.Database, join.Table, join.Alias, join.Key.Name, join.Source.Name, join.SourceJoin, join.IsInner);
}
