using Monolith.Engine.Changes;

namespace Monolith.Engine.Tests.Changes;

public sealed class CivilCalendarTests
{
    [Fact]
    public void Day_numbers_agree_with_the_runtime_calendar_from_year_1_to_9999()
    {
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        for (var number = 0; number <= DateOnly.MaxValue.DayNumber; number += 997)
        {
            var date = DateOnly.FromDayNumber(number);
            var days = CivilCalendar.DaysFromCivil(date.Year, date.Month, date.Day);
            Assert.Equal(date.DayNumber - epoch, days);
            Assert.Equal((date.Year, date.Month, date.Day), CivilCalendar.CivilFromDays(days));
        }
    }

    [Theory]
    [InlineData(2024, 2, 29, true)]
    [InlineData(2023, 2, 29, false)]
    [InlineData(1900, 2, 29, false)]
    [InlineData(2000, 2, 29, true)]
    [InlineData(2024, 4, 31, false)]
    [InlineData(0, 1, 1, true)]
    [InlineData(2024, 13, 1, false)]
    [InlineData(2024, 1, 0, false)]
    public void Valid_dates_are_recognised(int year, int month, int day, bool valid) =>
        Assert.Equal(valid, CivilCalendar.IsValidDate(year, month, day));

    [Theory]
    [InlineData(-1L, -1L, 86_399_999_999L)]
    [InlineData(0L, 0L, 0L)]
    [InlineData(86_400_000_000L, 1L, 0L)]
    [InlineData(-86_400_000_001L, -2L, 86_399_999_999L)]
    public void Micros_split_into_day_and_time_of_day_rounding_down(long micros, long days, long ofDay) =>
        Assert.Equal((days, ofDay), CivilCalendar.SplitMicros(micros));
}
