using Monolith.Engine.Rollups.Sketches;

namespace Monolith.Engine.Tests.Rollups;

public sealed class CountMapTests
{
    [Fact]
    public void AddAndRemove_MatchADictionaryModel()
    {
        var random = new Random(5);
        var map = new CountMap<long>();
        var model = new Dictionary<long, long>();
        for (var i = 0; i < 100_000; i++)
        {
            var key = random.Next(300) * 1_000_003L;
            var delta = random.Next(2) == 0 ? 1 : -1;
            model.TryGetValue(key, out var before);
            Assert.Equal(before, map.Add(key, delta));
            if (before + delta == 0)
            {
                model.Remove(key);
            }
            else
            {
                model[key] = before + delta;
            }

            if (i % 997 == 0)
            {
                Assert.Equal(model.Count, map.Count);
                foreach (var (k, v) in model)
                {
                    Assert.Equal(v, map.Get(k));
                }
            }
        }

        Assert.Equal(model.Values.Sum(), map.Total);
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var map = new CountMap<int>();
        map.Add(1, 2);
        var clone = map.Clone();
        map.Add(1, -2);
        map.Add(2, 1);

        Assert.Equal(2, clone.Get(1));
        Assert.Equal(0, clone.Get(2));
        Assert.Equal(0, map.Get(1));
    }
}
