using Monolith.Shop.Workload;

namespace Monolith.IntegrationTests.Shop;

public sealed class TransactionMixTests
{
    [Fact]
    public void Parse_overrides_the_named_weights_and_keeps_the_others()
    {
        var mix = TransactionMix.Parse("placeorder=500, DeleteUser=0");

        Assert.Equal(500, mix[ShopTransactionKind.PlaceOrder]);
        Assert.Equal(0, mix[ShopTransactionKind.DeleteUser]);
        Assert.Equal(TransactionMix.Default[ShopTransactionKind.PayOrder], mix[ShopTransactionKind.PayOrder]);
    }

    [Theory]
    [InlineData("PlaceOrder=5,Teleport=3", 14)]
    [InlineData("PlaceOrder", 1)]
    [InlineData("PlaceOrder=-1", 1)]
    [InlineData("PayOrder=1,ShipOrder=x", 12)]
    public void Parse_names_the_position_of_a_bad_pair(string text, int position)
    {
        var e = Assert.Throws<FormatException>(() => TransactionMix.Parse(text));
        Assert.Contains($"at character {position},", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mix_without_any_weight_is_refused()
    {
        var text = string.Join(',', Enum.GetValues<ShopTransactionKind>().Select(k => $"{k}=0"));
        Assert.Throws<ArgumentException>(() => TransactionMix.Parse(text));
    }

    [Fact]
    public void ToString_round_trips_through_Parse()
    {
        var mix = TransactionMix.Default.With(ShopTransactionKind.RenameCategory, 77);
        Assert.Equal(mix.ToString(), TransactionMix.Parse(mix.ToString()).ToString());
    }
}
