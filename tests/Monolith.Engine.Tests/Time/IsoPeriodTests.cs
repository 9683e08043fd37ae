using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Time;

public sealed class IsoPeriodTests
{
    [Theory]
    [InlineData("PT1S", 0, 0, 0, 0, 0, 0, 1, 0)]
    [InlineData("PT1M", 0, 0, 0, 0, 0, 1, 0, 0)]
    [InlineData("PT5M", 0, 0, 0, 0, 0, 5, 0, 0)]
    [InlineData("PT15M", 0, 0, 0, 0, 0, 15, 0, 0)]
    [InlineData("PT30M", 0, 0, 0, 0, 0, 30, 0, 0)]
    [InlineData("PT1H", 0, 0, 0, 0, 1, 0, 0, 0)]
    [InlineData("PT6H", 0, 0, 0, 0, 6, 0, 0, 0)]
    [InlineData("P1D", 0, 0, 0, 1, 0, 0, 0, 0)]
    [InlineData("P1W", 0, 0, 1, 0, 0, 0, 0, 0)]
    [InlineData("P1M", 0, 1, 0, 0, 0, 0, 0, 0)]
    [InlineData("P3M", 0, 3, 0, 0, 0, 0, 0, 0)]
    [InlineData("P1Y", 1, 0, 0, 0, 0, 0, 0, 0)]
    [InlineData("P1DT12H", 0, 0, 0, 1, 12, 0, 0, 0)]
    [InlineData("P1Y2M3W4DT5H6M7.089S", 1, 2, 3, 4, 5, 6, 7, 89)]
    [InlineData("PT0.5S", 0, 0, 0, 0, 0, 0, 0, 500)]
    public void Parse_ReadsEveryField(string text, int y, int mo, int w, int d, int h, int mi, int s, int ms)
    {
        var period = IsoPeriod.Parse(text);
        Assert.Equal(new IsoPeriod(y, mo, w, d, h, mi, s, ms), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("PT0S")]
    [InlineData("1H")]
    [InlineData("PT1")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1M1H")]
    [InlineData("P-1D")]
    [InlineData("PT0.0001S")]
    [InlineData("PT1.5M")]
    [InlineData("hour")]
    public void TryParse_RejectsWhatDruidRejects(string text)
    {
        Assert.False(IsoPeriod.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IsoPeriod.Parse(text));
    }

    [Fact]
    public void StandardMillis_CountsFixedFields()
    {
        Assert.Equal(90 * 60_000, IsoPeriod.Parse("PT1H30M").StandardMillis);
        Assert.Equal(8 * 86_400_000L, IsoPeriod.Parse("P1W1D").StandardMillis);
        Assert.True(IsoPeriod.Parse("P1M").HasCalendarFields);
        Assert.False(IsoPeriod.Parse("PT6H").HasCalendarFields);
    }
}
