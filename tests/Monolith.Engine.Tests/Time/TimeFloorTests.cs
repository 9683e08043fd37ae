using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Time;

public sealed class TimeFloorTests
{
    [Fact]
    public void FloorFixed_EqualsDivideAndMultiplyForOrderedAndShuffledInput()
    {
        var random = new Random(11);
        foreach (var count in new[] { 0, 1, 3, 4, 5, 63, 1000 })
        {
            var instants = new long[count];
            var t = -5_000_000L;
            for (var i = 0; i < count; i++)
            {
                t += random.Next(0, 20_000);
                instants[i] = random.Next(5) == 0 ? random.NextInt64(-10_000_000, 10_000_000) : t;
            }

            var starts = new long[count];
            TimeFloor.FloorFixed(instants, starts, 60_000, 15_000);
            for (var i = 0; i < count; i++)
            {
                var expected = instants[i] - ((((instants[i] - 15_000) % 60_000) + 60_000) % 60_000);
                Assert.Equal(expected, starts[i]);
            }
        }
    }

    [Fact]
    public void Floor_ScalarFormTakesZoneAndOrigin()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var t = DruidTime.ParseIso("2025-10-26T12:00:00Z");
        Assert.Equal(DruidTime.ParseIso("2025-10-25T22:00:00Z"), TimeFloor.Floor(t, IsoPeriod.Parse("P1D"), berlin));
        Assert.Equal(DruidTime.ParseIso("2025-10-26T11:45:00Z"),
            TimeFloor.Floor(t, IsoPeriod.Parse("PT30M"), null, DruidTime.ParseIso("2025-01-01T00:15:00Z")));
    }

    [Fact]
    public void FloorFixed_RejectsANonPositivePeriod()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeFloor.FloorFixed([1], new long[1], 0));
    }
}
