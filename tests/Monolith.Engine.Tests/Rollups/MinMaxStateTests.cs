using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// MIN and MAX under random inserts and retractions against a plain multiset per group: groups with one value,
/// a few (arena blocks), and more than a block holds (hash maps), with the current extreme and the last row of a
/// group deleted often; decimals narrow enough for 64-bit keys and wider ones, MIN and MAX sharing their state
/// and a MIN alone.
/// </summary>
public sealed class MinMaxStateTests
{
    private const long Minute = 60_000;

    [Theory]
    [InlineData(1, 12, false)]
    [InlineData(2, 12, true)]
    [InlineData(3, 30, false)]
    [InlineData(4, 30, true)]
    public void Extremes_MatchAMultisetModel(int seed, int precision, bool manyValues)
    {
        var random = new Random(seed);
        var type = new Decimal128Type(precision, 2);
        var rollup = new RollupStore().Add("extremes",
            "SELECT TIME_FLOOR(created, 'PT1M') AS __time, g, MIN(v) AS lo, MAX(v) AS hi, MIN(v + 1) AS lo1 " +
            "FROM t GROUP BY 1, 2");
        var schema = new Schema(
        [
            new Field("__time", Int64Type.Default, false),
            new Field("g", Int64Type.Default, true),
            new Field("lo", type, true),
            new Field("hi", type, true),
            new Field("lo1", type, true),
            new Field("__weight", Int8Type.Default, false),
        ], null);

        // Group g draws from 1 value (g % 4 == 0), 3 values, 20 values, or 5 (60 with manyValues) values.
        var live = new List<(long Time, long Group, decimal Value)>();
        for (var step = 0; step < 400; step++)
        {
            var changes = new List<(long Time, long Group, decimal Value, sbyte Weight)>();
            for (var op = random.Next(1, 40); op > 0; op--)
            {
                if (live.Count == 0 || random.Next(10) < 6)
                {
                    var group = (long)random.Next(16);
                    var spread = (group % 4) switch { 0 => 1, 1 => 3, 2 => 20, _ => manyValues ? 60 : 5 };
                    var row = (Time: random.Next(3) * Minute, Group: group,
                        Value: (random.Next(spread) - 7) * 1.25m + (precision > 18 ? 1e20m : 0));
                    live.Add(row);
                    changes.Add((row.Time, row.Group, row.Value, 1));
                }
                else
                {
                    var victim = PickVictim(random, live);
                    var row = live[victim];
                    live.RemoveAt(victim);
                    changes.Add((row.Time, row.Group, row.Value, -1));
                }
            }

            rollup.Apply(Batch(schema, type, changes));
            var contents = RollupContents.ReadAsText(rollup.Commit(step));
            var expected = live.GroupBy(r => (r.Time, r.Group)).ToDictionary(
                g => $"{g.Key.Time}|{g.Key.Group}",
                g => (Lo: g.Min(r => r.Value), Hi: g.Max(r => r.Value)));
            Assert.Equal(expected.Count, contents.Count);
            foreach (var (key, (lo, hi)) in expected)
            {
                Assert.Equal(Text(lo), contents[key]["lo"]);
                Assert.Equal(Text(hi), contents[key]["hi"]);
                Assert.Equal(Text(lo + 1), contents[key]["lo1"]);
            }
        }
    }

    private static string Text(decimal value) =>
        value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Half of the time a row holding its group's smallest or largest value.</summary>
    private static int PickVictim(Random random, List<(long Time, long Group, decimal Value)> live)
    {
        var index = random.Next(live.Count);
        if (random.Next(2) == 0)
        {
            return index;
        }

        var (time, group, _) = live[index];
        var same = Enumerable.Range(0, live.Count).Where(i => live[i].Time == time && live[i].Group == group);
        return random.Next(2) == 0
            ? same.MinBy(i => live[i].Value)
            : same.MaxBy(i => live[i].Value);
    }

    private static RecordBatch Batch(Schema schema, Decimal128Type type,
        List<(long Time, long Group, decimal Value, sbyte Weight)> changes)
    {
        var time = new Int64Array.Builder();
        var group = new Int64Array.Builder();
        var value = new Decimal128Array.Builder(type);
        var plusOne = new Decimal128Array.Builder(type);
        var weight = new Int8Array.Builder();
        foreach (var (t, g, v, w) in changes)
        {
            time.Append(t);
            group.Append(g);
            value.Append(v);
            plusOne.Append(v + 1);
            weight.Append(w);
        }

        var values = value.Build();
        return new RecordBatch(schema,
            [time.Build(), group.Build(), values, values, plusOne.Build(), weight.Build()], changes.Count);
    }
}
