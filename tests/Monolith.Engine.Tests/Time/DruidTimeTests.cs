using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Time;

public sealed class DruidTimeTests
{
    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000Z")]
    [InlineData(1764291600000L, "2025-11-28T01:00:00.000Z")]
    [InlineData(1764291600123L, "2025-11-28T01:00:00.123Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    [InlineData(951782400000L, "2000-02-29T00:00:00.000Z")]
    [InlineData(Granularity.MinInstant, "-146136543-09-08T08:23:32.096Z")]
    [InlineData(Granularity.MaxInstant, "146140482-04-24T15:36:27.903Z")]
    public void FormatIso_WritesUtcWithMillisecondsAndZ(long millis, string expected)
    {
        Assert.Equal(expected, DruidTime.FormatIso(millis));
        Assert.True(DruidTime.TryParseIso(expected, out var back));
        Assert.Equal(millis, back);
    }

    [Theory]
    [InlineData("2025-11-28", 1764288000000L)]
    [InlineData("2025-11-28T01", 1764291600000L)]
    [InlineData("2025-11-28T01:00", 1764291600000L)]
    [InlineData("2025-11-28T01:00:00Z", 1764291600000L)]
    [InlineData("2025-11-28 01:00:00", 1764291600000L)]
    [InlineData("2025-11-28T02:00:00+01:00", 1764291600000L)]
    [InlineData("2025-11-27T20:00:00-0500", 1764291600000L)]
    [InlineData("2025-11-28T01:00:00.5Z", 1764291600500L)]
    [InlineData("2025-11-28T01:00:00.123456789Z", 1764291600123L)]
    public void TryParseIso_ReadsTheFormsDruidAccepts(string text, long expected)
    {
        Assert.True(DruidTime.TryParseIso(text, out var millis));
        Assert.Equal(expected, millis);
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("2025-13-01")]
    [InlineData("2025-11-28T24:00:00Z")]
    [InlineData("2025-11-28T01:60")]
    [InlineData("25-11-28")]
    [InlineData("2025-11-28T01:00:00Q")]
    [InlineData("yesterday")]
    public void TryParseIso_RejectsInvalidDates(string text)
    {
        Assert.False(DruidTime.TryParseIso(text, out _));
    }

    [Theory]
    [InlineData("2025-11-28T00:00:00Z/2025-11-29T00:00:00Z", "2025-11-28T00:00:00.000Z/2025-11-29T00:00:00.000Z")]
    [InlineData("2025-11-28/P1D", "2025-11-28T00:00:00.000Z/2025-11-29T00:00:00.000Z")]
    [InlineData("P1W/2025-11-29", "2025-11-22T00:00:00.000Z/2025-11-29T00:00:00.000Z")]
    [InlineData("2025-01-31/P1M", "2025-01-31T00:00:00.000Z/2025-02-28T00:00:00.000Z")]
    [InlineData("-146136543-09-08T08:23:32.096Z/146140482-04-24T15:36:27.903Z",
        "-146136543-09-08T08:23:32.096Z/146140482-04-24T15:36:27.903Z")]
    public void DruidInterval_ParsesStartEndAndPeriodForms(string text, string expected)
    {
        Assert.Equal(expected, DruidInterval.Parse(text).ToString());
    }

    [Theory]
    [InlineData("2025-11-28", "start/end")]
    [InlineData("2025-11-29/2025-11-28", "ends before it starts")]
    [InlineData("P1D/P1D", "period on both sides")]
    [InlineData("2025-11-28/tomorrow", "'tomorrow' is not an ISO-8601 date-time or period")]
    public void DruidInterval_NamesWhatIsWrong(string text, string fragment)
    {
        var error = Assert.Throws<FormatException>(() => DruidInterval.Parse(text));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlForms_RoundTrip()
    {
        Assert.True(DruidTime.TryParseSqlTimestamp("2025-11-28 01:00:00", out var t));
        Assert.Equal("2025-11-28 01:00:00", DruidTime.FormatSqlTimestamp(t));
        Assert.True(DruidTime.TryParseSqlDate("2025-11-28", out var d));
        Assert.Equal("2025-11-28", DruidTime.FormatSqlDate(d));
        Assert.False(DruidTime.TryParseSqlTimestamp("2025-11-28 01:00:00Z", out _));
        Assert.False(DruidTime.TryParseSqlDate("2025-11-28 01:00", out _));
    }
}
