using System.Globalization;
using System.Numerics;
using System.Text;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Tests.Changes;

public sealed class DecimalMathTests
{
    [Theory]
    [InlineData("0", 0, "0")]
    [InlineData("-0.50", 2, "-50")]
    [InlineData("+12.5", 3, "12500")]
    [InlineData("1.2300", 2, "123")]
    [InlineData(".5", 1, "5")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999", 0,
        "99999999999999999999999999999999999999999999999999999999999999999")]
    public void Text_parses_to_the_unscaled_value_at_the_scale(string text, int scale, string expected)
    {
        Assert.True(DecimalMath.TryParse(Encoding.ASCII.GetBytes(text), scale, out var value));
        Assert.Equal(BigInteger.Parse(expected, CultureInfo.InvariantCulture), value.ToBigInteger());
    }

    [Theory]
    [InlineData("1.25", 1)]
    [InlineData("", 0)]
    [InlineData("-", 0)]
    [InlineData("1.2.3", 2)]
    [InlineData("1e5", 0)]
    [InlineData("9999999999999999999999999999999999999999999999999999999999999999999999999999999", 0)]
    public void Malformed_inexact_or_oversized_text_is_refused(string text, int scale) =>
        Assert.False(DecimalMath.TryParse(Encoding.ASCII.GetBytes(text), scale, out _));

    [Fact]
    public void Rescaling_is_exact_or_refused_and_rounding_goes_half_away_from_zero()
    {
        Assert.True(DecimalMath.TryRescaleExact(125, 2, 4, out var up));
        Assert.Equal(12500, up);
        Assert.False(DecimalMath.TryRescaleExact(125, 2, 1, out _));
        Assert.False(DecimalMath.TryRescaleExact(Int128.MaxValue, 0, 1, out _));
        Assert.True(DecimalMath.TryRescaleRounded(125, 2, 1, out var rounded));
        Assert.Equal(13, rounded);
        Assert.True(DecimalMath.TryRescaleRounded(-125, 2, 1, out rounded));
        Assert.Equal(-13, rounded);
        Assert.True(DecimalMath.TryRescaleRounded(-124, 2, 1, out rounded));
        Assert.Equal(-12, rounded);
    }

    [Fact]
    public void Precision_checks_count_digits_of_the_magnitude()
    {
        Assert.True(DecimalMath.FitsPrecision(99999, 5));
        Assert.False(DecimalMath.FitsPrecision(-100000, 5));
        Assert.True(DecimalMath.FitsPrecision(Int128.MaxValue, 39));
        Assert.False(DecimalMath.FitsPrecision(Int256.FromInt128(Int128.MinValue + 1).Negate(), 38));
    }

    [Fact]
    public void Checked_addition_reports_overflow()
    {
        Assert.True(DecimalMath.TryAdd(Int128.MaxValue - 1, 1, out var sum));
        Assert.Equal(Int128.MaxValue, sum);
        Assert.False(DecimalMath.TryAdd(Int128.MaxValue, 1, out _));
        Assert.False(DecimalMath.TryAdd(Int128.MinValue, -1, out _));
    }
}
