using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// A retraction followed by the same row image added back changes nothing and is skipped; a pair that differs
/// in any column the rollup reads (a dimension, a metric argument, NULL against a value) must still apply.
/// </summary>
public sealed class NoOpUpdateTests
{
    private static readonly OrderRow s_row = new(3, "paid", 1, 12.5m, 2.0, 180_000, 7, "alice");

    [Fact]
    public void UnchangedImages_LeaveTheRollupAsItWas_AndCountAsApplied()
    {
        var rollup = new RollupStore().Add("model", OrderRow.Sql);
        rollup.Apply(OrderRow.Batch([(s_row, 1), (s_row with { Customer = "bob" }, 1)]));
        var before = RollupContents.ReadAsText(rollup.Commit(1));

        rollup.Apply(OrderRow.Batch([(s_row, -1), (s_row, 1), (s_row, -1), (s_row, 1)]));
        var after = RollupContents.ReadAsText(rollup.Commit(2));

        Assert.Equal(before, after);
        Assert.Equal(6, rollup.GetStatus().RowsApplied);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("customer null")]
    [InlineData("amount")]
    [InlineData("amount null")]
    [InlineData("price sign of zero")]
    [InlineData("status")]
    [InlineData("minute")]
    public void ChangedImages_Apply(string change)
    {
        var changed = change switch
        {
            "customer" => s_row with { Customer = "carol" },
            "customer null" => s_row with { Customer = null },
            "amount" => s_row with { Amount = 12.51m },
            "amount null" => s_row with { Amount = null },
            "price sign of zero" => s_row with { Price = -0.0 },
            "status" => s_row with { Status = "new" },
            _ => s_row with { Minute = 4 },
        };
        var start = s_row with { Price = 0.0 };
        var paired = new RollupStore().Add("model", OrderRow.Sql);
        paired.Apply(OrderRow.Batch([(start, 1)]));
        paired.Apply(OrderRow.Batch([(start, -1), (changed, 1)]));
        var direct = new RollupStore().Add("model", OrderRow.Sql);
        direct.Apply(OrderRow.Batch([(changed, 1)]));

        Assert.Equal(RollupContents.ReadAsText(direct.Commit(1)), RollupContents.ReadAsText(paired.Commit(1)));
    }
}
