namespace Monolith.Engine.Changes;

/// <summary>Date32: DATE as days since 1970-01-01. Zero dates and impossible dates become NULL.</summary>
internal sealed class Date32ColumnBuilder : FixedWidthColumnBuilder<int>
{
    public Date32ColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendDate(int year, int month, int day)
    {
        if (year == 0 || month == 0 || day == 0)
        {
            AppendZeroDate();
            return;
        }

        if (!CivilCalendar.IsValidDate(year, month, day))
        {
            AppendUnfit();
            return;
        }

        Append((int)CivilCalendar.DaysFromCivil(year, month, day));
    }

    public override void AppendDateTime(int year, int month, int day, int hour, int minute, int second,
        int microsecond)
    {
        // A date column takes a date-time only when nothing of the time would be lost.
        if ((hour | minute | second | microsecond) != 0)
        {
            AppendUnfit();
            return;
        }

        AppendDate(year, month, day);
    }
}
