using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

public sealed class ServerVersionTests
{
    [Theory]
    [InlineData("5.5.5-10.11.19-MariaDB-0+deb12u1-log", ServerFlavor.MariaDb, 10, 11, 19)]
    [InlineData("11.4.2-MariaDB", ServerFlavor.MariaDb, 11, 4, 2)]
    [InlineData("5.5.5-10.6.18-MariaDB-log", ServerFlavor.MariaDb, 10, 6, 18)]
    [InlineData("8.4.2", ServerFlavor.MySql, 8, 4, 2)]
    [InlineData("8.0.36-28", ServerFlavor.MySql, 8, 0, 36)]
    [InlineData("5.7.44-log", ServerFlavor.MySql, 5, 7, 44)]
    [InlineData("9.1", ServerFlavor.MySql, 9, 1, 0)]
    public void Version_text_gives_flavour_and_numbers(string text, ServerFlavor flavor, int major, int minor,
        int patch)
    {
        var version = ServerVersion.Parse(text);

        Assert.Equal(flavor, version.Flavor);
        Assert.Equal((major, minor, patch), (version.Major, version.Minor, version.Patch));
        Assert.Equal(text, version.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MariaDB")]
    [InlineData("8")]
    [InlineData("x.y.z")]
    public void Version_text_without_numbers_is_refused(string text)
    {
        var error = Assert.Throws<BinlogProtocolException>(() => ServerVersion.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsAtLeast_compares_major_minor_patch_in_order()
    {
        var version = ServerVersion.Parse("8.0.26");

        Assert.True(version.IsAtLeast(8, 0, 26));
        Assert.True(version.IsAtLeast(5, 7));
        Assert.False(version.IsAtLeast(8, 0, 27));
        Assert.False(version.IsAtLeast(8, 4));
    }
}
