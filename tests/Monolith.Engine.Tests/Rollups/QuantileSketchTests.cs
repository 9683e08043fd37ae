using Monolith.Engine.Rollups.Sketches;

namespace Monolith.Engine.Tests.Rollups;

public sealed class QuantileSketchTests
{
    [Fact]
    public void Quantiles_StayWithinOnePercentAndRetractExactly()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 5000).Select(_ => Math.Exp(random.NextDouble() * 10) - 50).ToList();
        var sketch = new QuantileSketch();
        foreach (var value in values)
        {
            sketch.Add(value, 1);
        }

        var removed = values.Take(2000).ToList();
        foreach (var value in removed)
        {
            sketch.Add(value, -1);
        }

        var remaining = values.Skip(2000).Order().ToList();
        foreach (var q in new[] { 0.0, 0.1, 0.5, 0.9, 0.99, 1.0 })
        {
            var expected = remaining[(int)Math.Floor(q * (remaining.Count - 1))];
            var actual = QuantileSketch.Quantile(
                Metrics(sketch.Negative), sketch.Zero, Metrics(sketch.Positive), q);
            Assert.InRange(actual, expected - (Math.Abs(expected) * 0.0101) - 1e-9, expected
                + (Math.Abs(expected) * 0.0101) + 1e-9);
        }

        Assert.Equal(remaining.Count, sketch.Count);
    }

    private static Dictionary<int, long> Metrics(CountMap<int> map) =>
        Engine.Rollups.Metrics.QuantileSnapshot.ToDictionary(map);
}
