using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class MariaDbGtidPositionTests
{
    [Theory]
    [InlineData("0-1-42", "0-1-42")]
    [InlineData("1-2-7,0-1-42", "0-1-42,1-2-7")]
    [InlineData(" 0-1-42 , 1-2-7 ", "0-1-42,1-2-7")]
    [InlineData("4294967295-4294967295-18446744073709551615", "4294967295-4294967295-18446744073709551615")]
    [InlineData("", "")]
    public void Text_form_is_parsed_and_printed_by_domain(string text, string expected)
    {
        Assert.Equal(expected, MariaDbGtidPosition.Parse(text).ToString());
    }

    [Theory]
    [InlineData("0-1", "not a MariaDB GTID")]
    [InlineData("0-1-x", "not a MariaDB GTID")]
    [InlineData("0-1--2", "not a MariaDB GTID")]
    [InlineData("0-1-2,0-3-4", "domain 0 twice")]
    [InlineData("0-1-2,,1-1-1", "Empty entry")]
    [InlineData("4294967296-1-1", "not a MariaDB GTID")]
    public void Malformed_text_is_refused_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MariaDbGtidPosition.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advancing_replaces_the_domains_entry_and_leaves_others()
    {
        var position = MariaDbGtidPosition.Parse("0-1-42,1-2-7");

        position.Advance(new MariaDbGtid(0, 3, 43));
        position.Advance(new MariaDbGtid(5, 1, 1));

        Assert.Equal("0-3-43,1-2-7,5-1-1", position.ToString());
    }

    [Fact]
    public void Shape_tells_mariadb_positions_from_mysql_sets()
    {
        Assert.IsType<MariaDbGtidPosition>(GtidSet.Parse("0-1-42,1-1-3"));
        Assert.IsType<MySqlGtidSet>(GtidSet.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));
    }

    [Fact]
    public void Equal_positions_compare_equal()
    {
        Assert.Equal(MariaDbGtidPosition.Parse("1-2-7,0-1-42"), MariaDbGtidPosition.Parse("0-1-42,1-2-7"));
        Assert.NotEqual(MariaDbGtidPosition.Parse("0-1-42"), MariaDbGtidPosition.Parse("0-1-43"));
    }
}
