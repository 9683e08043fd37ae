using Monolith.Engine.Time;

namespace Monolith.Engine.Tests.Time;

/// <summary>
/// TIME_FLOOR expectations worked out by hand from the zone rules in force in 2025: Europe/Berlin moves from
/// +01:00 to +02:00 at 2025-03-30T01:00Z and back at 2025-10-26T01:00Z; America/New_York moves from -05:00 to
/// -04:00 at 2025-03-09T07:00Z and back at 2025-11-02T06:00Z; Asia/Kolkata stays at +05:30.
/// </summary>
public sealed class GranularityTests
{
    [Theory]
    [InlineData("2025-11-28T01:02:03.456Z", "PT1S", null, null, "2025-11-28T01:02:03.000Z")]
    [InlineData("2025-11-28T01:02:03.456Z", "PT1M", null, null, "2025-11-28T01:02:00.000Z")]
    [InlineData("2025-11-28T01:29:59.999Z", "PT15M", null, null, "2025-11-28T01:15:00.000Z")]
    [InlineData("2025-11-28T01:30:00.000Z", "PT30M", null, null, "2025-11-28T01:30:00.000Z")]
    [InlineData("2025-11-28T01:59:59.999Z", "PT1H", null, null, "2025-11-28T01:00:00.000Z")]
    [InlineData("2025-11-28T13:00:00.000Z", "PT6H", null, null, "2025-11-28T12:00:00.000Z")]
    [InlineData("2025-11-28T23:59:59.999Z", "P1D", null, null, "2025-11-28T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P1W", null, null, "2025-11-24T00:00:00.000Z")]
    [InlineData("2025-11-24T00:00:00.000Z", "P1W", null, null, "2025-11-24T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P2W", null, null, "2025-11-20T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P1M", null, null, "2025-11-01T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P3M", null, null, "2025-10-01T00:00:00.000Z")]
    [InlineData("2025-02-28T10:00:00.000Z", "P3M", null, null, "2025-01-01T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P1Y", null, null, "2025-01-01T00:00:00.000Z")]
    [InlineData("2025-11-28T10:00:00.000Z", "P2Y", null, null, "2024-01-01T00:00:00.000Z")]
    [InlineData("1969-12-31T23:59:59.999Z", "PT1H", null, null, "1969-12-31T23:00:00.000Z")]
    [InlineData("1969-12-31T23:59:59.999Z", "P1M", null, null, "1969-12-01T00:00:00.000Z")]
    [InlineData("1970-01-01T04:00:00.000Z", "PT1H30M", null, null, "1970-01-01T03:00:00.000Z")]
    [InlineData("2025-11-28T01:10:00.000Z", "PT1H", null, "1970-01-01T00:30:00Z", "2025-11-28T00:30:00.000Z")]
    [InlineData("2025-11-28T03:00:00.000Z", "P1D", null, "2025-01-01T06:00:00Z", "2025-11-27T06:00:00.000Z")]
    [InlineData("2024-12-31T05:00:00.000Z", "P1D", null, "2025-01-01T06:00:00Z", "2024-12-30T06:00:00.000Z")]
    [InlineData("2025-11-28T03:00:00.000Z", "P1M", null, "2025-01-15T00:00:00Z", "2025-11-15T00:00:00.000Z")]
    [InlineData("2025-11-10T03:00:00.000Z", "P1M", null, "2025-01-15T00:00:00Z", "2025-10-15T00:00:00.000Z")]
    // Berlin, spring forward on 2025-03-30: the local day lasts 23 hours.
    [InlineData("2025-03-30T12:00:00.000Z", "P1D", "Europe/Berlin", null, "2025-03-29T23:00:00.000Z")]
    [InlineData("2025-03-30T00:59:59.999Z", "PT1H", "Europe/Berlin", null, "2025-03-30T00:00:00.000Z")]
    [InlineData("2025-03-30T01:30:00.000Z", "PT1H", "Europe/Berlin", null, "2025-03-30T01:00:00.000Z")]
    // Berlin, fall back on 2025-10-26: 02:00-03:00 happens twice and is two hourly buckets.
    [InlineData("2025-10-26T12:00:00.000Z", "P1D", "Europe/Berlin", null, "2025-10-25T22:00:00.000Z")]
    [InlineData("2025-10-26T00:30:00.000Z", "PT1H", "Europe/Berlin", null, "2025-10-26T00:00:00.000Z")]
    [InlineData("2025-10-26T01:30:00.000Z", "PT1H", "Europe/Berlin", null, "2025-10-26T01:00:00.000Z")]
    [InlineData("2025-05-15T00:00:00.000Z", "P3M", "Europe/Berlin", null, "2025-03-31T22:00:00.000Z")]
    [InlineData("2025-06-01T00:00:00.000Z", "P1Y", "Europe/Berlin", null, "2024-12-31T23:00:00.000Z")]
    [InlineData("2025-03-31T21:59:59.999Z", "P1M", "Europe/Berlin", null, "2025-02-28T23:00:00.000Z")]
    // Multi-hour periods count absolute hours from local midnight of 1970-01-01 (+01:00), as Druid does.
    [InlineData("2025-07-01T10:00:00.000Z", "PT6H", "Europe/Berlin", null, "2025-07-01T05:00:00.000Z")]
    [InlineData("2025-01-15T10:00:00.000Z", "PT6H", "Europe/Berlin", null, "2025-01-15T05:00:00.000Z")]
    // New York, spring forward on 2025-03-09 and fall back on 2025-11-02.
    [InlineData("2025-03-09T12:00:00.000Z", "P1D", "America/New_York", null, "2025-03-09T05:00:00.000Z")]
    [InlineData("2025-11-02T12:00:00.000Z", "P1D", "America/New_York", null, "2025-11-02T04:00:00.000Z")]
    [InlineData("2025-11-02T05:30:00.000Z", "PT1H", "America/New_York", null, "2025-11-02T05:00:00.000Z")]
    [InlineData("2025-11-02T06:30:00.000Z", "PT1H", "America/New_York", null, "2025-11-02T06:00:00.000Z")]
    [InlineData("2025-11-15T00:00:00.000Z", "P1M", "America/New_York", null, "2025-11-01T04:00:00.000Z")]
    [InlineData("2025-11-05T12:00:00.000Z", "P1W", "America/New_York", null, "2025-11-03T05:00:00.000Z")]
    [InlineData("2025-11-01T03:59:59.999Z", "P1M", "America/New_York", null, "2025-10-01T04:00:00.000Z")]
    // Kolkata's half-hour offset: hours are local hours, half past the UTC hour.
    [InlineData("2025-11-28T01:10:00.000Z", "PT1H", "Asia/Kolkata", null, "2025-11-28T00:30:00.000Z")]
    [InlineData("2025-11-28T01:10:00.000Z", "P1D", "Asia/Kolkata", null, "2025-11-27T18:30:00.000Z")]
    public void BucketStart_FloorsLikeDruid(string instant, string period, string? zone, string? origin,
        string expected)
    {
        var granularity = Granularity.Of(
            IsoPeriod.Parse(period),
            zone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(zone),
            origin is null ? null : DruidTime.ParseIso(origin));

        var start = granularity.BucketStart(DruidTime.ParseIso(instant));

        Assert.Equal(expected, DruidTime.FormatIso(start));
    }

    [Theory]
    [InlineData("2025-03-29T23:00:00.000Z", "P1D", "Europe/Berlin", "2025-03-30T22:00:00.000Z")]
    [InlineData("2025-10-25T22:00:00.000Z", "P1D", "Europe/Berlin", "2025-10-26T23:00:00.000Z")]
    [InlineData("2025-11-02T04:00:00.000Z", "P1D", "America/New_York", "2025-11-03T05:00:00.000Z")]
    [InlineData("2025-03-09T05:00:00.000Z", "P1D", "America/New_York", "2025-03-10T04:00:00.000Z")]
    [InlineData("2025-10-26T00:00:00.000Z", "PT1H", "Europe/Berlin", "2025-10-26T01:00:00.000Z")]
    [InlineData("2025-01-31T00:00:00.000Z", "P1M", null, "2025-02-28T00:00:00.000Z")]
    [InlineData("2025-10-01T00:00:00.000Z", "P3M", null, "2026-01-01T00:00:00.000Z")]
    public void Next_StepsOneBucketOnTheWallClock(string start, string period, string? zone, string expected)
    {
        var granularity = Granularity.Of(
            IsoPeriod.Parse(period), zone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(expected, DruidTime.FormatIso(granularity.Next(DruidTime.ParseIso(start))));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void Buckets_TileTheTimeLineAcrossAYear(string zone)
    {
        foreach (var period in new[] { "PT15M", "PT1H", "P1D", "P1W", "P1M" })
        {
            var granularity = Granularity.Of(IsoPeriod.Parse(period), TimeZoneInfo.FindSystemTimeZoneById(zone));
            var t = DruidTime.ParseIso("2025-01-01T00:00:00Z");
            var end = DruidTime.ParseIso("2026-01-01T00:00:00Z");
            var bucket = granularity.BucketStart(t);
            while (bucket < end)
            {
                var next = granularity.Next(bucket);
                Assert.True(next > bucket, $"{period} in {zone}: {DruidTime.FormatIso(bucket)} does not advance");
                Assert.Equal(bucket, granularity.BucketStart(bucket));
                Assert.Equal(bucket, granularity.BucketStart(next - 1));
                Assert.Equal(next, granularity.BucketStart(next));
                bucket = next;
            }
        }
    }

    [Theory]
    [InlineData("second", "PT1S")]
    [InlineData("MINUTE", "PT1M")]
    [InlineData("fifteen_minute", "PT15M")]
    [InlineData("thirty_minute", "PT30M")]
    [InlineData("hour", "PT1H")]
    [InlineData("day", "P1D")]
    [InlineData("week", "P1W")]
    [InlineData("month", "P1M")]
    [InlineData("quarter", "P3M")]
    [InlineData("year", "P1Y")]
    public void TryParseSimple_MapsDruidNamesToPeriods(string name, string period)
    {
        Assert.True(Granularity.TryParseSimple(name, out var granularity));
        Assert.Equal(GranularityKind.Period, granularity.Kind);
        Assert.Equal(period, granularity.Period.ToString());
    }

    [Fact]
    public void AllAndNone_CoverEverythingOrNothing()
    {
        Assert.True(Granularity.TryParseSimple("all", out var all));
        Assert.Equal(Granularity.MinInstant, all.BucketStart(123));
        Assert.True(Granularity.TryParseSimple("none", out var none));
        Assert.Equal(123, none.BucketStart(123));
        Assert.False(Granularity.TryParseSimple("fortnight", out _));
    }

    [Fact]
    public void BucketStarts_MatchesTheScalarFloorForZonedAndFixedGranularities()
    {
        var random = new Random(7);
        var instants = new long[1000];
        var t = DruidTime.ParseIso("2025-10-25T00:00:00Z");
        for (var i = 0; i < instants.Length; i++)
        {
            t += random.Next(0, 600_000);
            instants[i] = random.Next(10) == 0 ? t - random.Next(0, 100_000_000) : t;
        }

        foreach (var granularity in new[]
                 {
                     Granularity.Of(IsoPeriod.Parse("PT1M")),
                     Granularity.Of(IsoPeriod.Parse("PT1H"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")),
                     Granularity.Of(IsoPeriod.Parse("P1D"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")),
                     Granularity.OfDuration(7_000, 500),
                 })
        {
            var starts = new long[instants.Length];
            granularity.BucketStarts(instants, starts);
            for (var i = 0; i < instants.Length; i++)
            {
                Assert.Equal(granularity.BucketStart(instants[i]), starts[i]);
            }
        }
    }
}
