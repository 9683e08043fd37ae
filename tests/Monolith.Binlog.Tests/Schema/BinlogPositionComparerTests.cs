using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Tests.Schema;

public sealed class BinlogPositionComparerTests
{
    [Theory]
    [InlineData("bin.000001", 100, "bin.000001", 200, -1)]
    [InlineData("bin.000002", 4, "bin.000001", 9999, 1)]
    [InlineData("bin.999999", 4, "bin.1000000", 4, -1)]
    [InlineData("bin.000003", 50, "bin.000003", 50, 0)]
    [InlineData("", 0, "bin.000001", 4, -1)]
    public void Positions_order_by_file_number_then_offset(string xFile, long xOffset, string yFile, long yOffset,
        int expected)
    {
        var comparison = BinlogPositionComparer.Instance.Compare(new BinlogPosition(xFile, xOffset),
            new BinlogPosition(yFile, yOffset));

        Assert.Equal(expected, Math.Sign(comparison));
    }
}
