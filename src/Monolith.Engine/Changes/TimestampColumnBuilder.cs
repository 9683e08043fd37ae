namespace Monolith.Engine.Changes;

/// <summary>
/// Timestamp(Microsecond): DATETIME as wall-clock microseconds since 1970 read as if UTC (time zone null),
/// TIMESTAMP as the true instant (time zone "UTC"). Zero dates and impossible dates become NULL.
/// </summary>
internal sealed class TimestampColumnBuilder : FixedWidthColumnBuilder<long>
{
    public TimestampColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendDateTime(int year, int month, int day, int hour, int minute, int second,
        int microsecond)
    {
        if (year == 0 || month == 0 || day == 0)
        {
            AppendZeroDate();
            return;
        }

        if (!CivilCalendar.IsValidDate(year, month, day)
            || !CivilCalendar.IsValidTimeOfDay(hour, minute, second, microsecond))
        {
            AppendUnfit();
            return;
        }

        Append(CivilCalendar.MicrosFromCivil(year, month, day, hour, minute, second, microsecond));
    }

    public override void AppendDate(int year, int month, int day) => AppendDateTime(year, month, day, 0, 0, 0, 0);

    public override void AppendTimestampMicros(long micros) => Append(micros);
}
