using Monolith.Engine.Rollups.Sketches;

namespace Monolith.Engine.Tests.Rollups;

public sealed class DistinctSetTests
{
    /// <summary>Randomized additions and retractions (counts past a byte, negative counts, emptied pages) against
    /// a dictionary; every published set must keep the contents it had when its epoch ended.</summary>
    [Theory]
    [InlineData(1, 40, 3)]
    [InlineData(2, 3_000, 1)]
    [InlineData(3, 20_000, 2)]
    public void AddAndRetract_MatchADictionaryModel_AndPublishedSetsNeverChange(int seed, int values, int maxDelta)
    {
        var random = new Random(seed);
        var epoch = 1;
        var set = new DistinctSet(epoch);
        var model = new Dictionary<int, long>();
        var published = new List<(DistinctSet Set, Dictionary<int, long> Contents)>();
        for (var i = 0; i < 200_000; i++)
        {
            var id = 1 + random.Next(values);
            var delta = (long)random.Next(-maxDelta, maxDelta + 2);
            if (random.Next(5000) == 0)
            {
                delta = random.Next(2) == 0 ? 300 : -300;
            }

            model.TryGetValue(id, out var before);
            Assert.Equal(before, set.Add(id, delta));
            if (before + delta == 0)
            {
                model.Remove(id);
            }
            else
            {
                model[id] = before + delta;
            }

            if (i % 9_973 == 0)
            {
                published.Add((set, new Dictionary<int, long>(model)));
                set = set.Clone(++epoch);
            }
        }

        published.Add((set, model));
        foreach (var (snapshot, contents) in published)
        {
            Assert.Equal(contents.Count, snapshot.Size);
            foreach (var (id, count) in contents)
            {
                Assert.Equal(count, snapshot.Get(id));
            }

            var present = new List<int>();
            snapshot.ForEachPresent(present, static (list, id) => list.Add(id));
            Assert.Equal(contents.Where(p => p.Value > 0).Select(p => p.Key).Order(), present);
        }
    }

    [Fact]
    public void RetractingEveryValue_EmptiesTheSet()
    {
        var set = new DistinctSet(1);
        for (var id = 1; id <= 2_000; id++)
        {
            set.Add(id, 1);
        }

        set = set.Clone(2);
        for (var id = 2_000; id >= 1; id--)
        {
            Assert.Equal(1, set.Add(id, -1));
        }

        Assert.Equal(0, set.Size);
        Assert.Equal(0, set.Get(1));
        set.Add(7, 1);
        Assert.Equal(1, set.Get(7));
    }
}
