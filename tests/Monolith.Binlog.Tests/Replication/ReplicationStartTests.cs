using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class ReplicationStartTests
{
    [Theory]
    [InlineData("earliest", ReplicationStartKind.Earliest)]
    [InlineData("EARLIEST", ReplicationStartKind.Earliest)]
    [InlineData(" latest ", ReplicationStartKind.Latest)]
    [InlineData("mariadb-bin.000003:1234", ReplicationStartKind.Position)]
    [InlineData("mysql-bin.000001", ReplicationStartKind.Position)]
    [InlineData("0-1-42", ReplicationStartKind.MariaDbGtids)]
    [InlineData("0-1-42,1-1-7", ReplicationStartKind.MariaDbGtids)]
    [InlineData("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42", ReplicationStartKind.MySqlGtids)]
    [InlineData("3e11fa47-71ca-11e1-9e33-c80aa9429562:23", ReplicationStartKind.MySqlGtids)]
    public void Configuration_text_gives_the_kind_of_start(string text, ReplicationStartKind kind)
    {
        Assert.Equal(kind, ReplicationStart.Parse(text).Kind);
    }

    [Fact]
    public void Position_text_keeps_file_and_offset()
    {
        var start = ReplicationStart.Parse("mariadb-bin.000003:1234");

        Assert.Equal(new BinlogPosition("mariadb-bin.000003", 1234), start.Position);
        Assert.Equal("mariadb-bin.000003:1234", start.ToString());
        Assert.Equal(new BinlogPosition("f.000001", 4), ReplicationStart.Parse("f.000001").Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("earlist")]
    [InlineData("mysql-bin.000001:2")]
    [InlineData("mysql-bin:1234")]
    [InlineData("two words")]
    public void Unknown_text_lists_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => ReplicationStart.Parse(text));

        Assert.Contains("earliest, latest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_point_gives_gtids_only_when_preferred_and_present()
    {
        var point = new ResumePoint(new BinlogPosition("b.000002", 900), MariaDbGtidPosition.Parse("0-1-9"));

        Assert.Equal(ReplicationStartKind.MariaDbGtids, ReplicationStart.From(point, preferGtids: true).Kind);
        Assert.Equal(ReplicationStartKind.Position, ReplicationStart.From(point, preferGtids: false).Kind);
        Assert.Equal(ReplicationStartKind.Position,
            ReplicationStart.From(point with { Gtids = null }, preferGtids: true).Kind);
    }
}
