namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// <c>INTERVAL '1' DAY</c>: a signed amount of one time unit. Year-month intervals count months, day-time
/// intervals count milliseconds, as the SQL standard separates them.
/// </summary>
/// <param name="Offset">Offset of the keyword.</param>
/// <param name="Amount">The amount written, with its sign.</param>
/// <param name="Unit">The unit the amount counts.</param>
public sealed record SqlIntervalLiteral(int Offset, long Amount, SqlTimeUnit Unit) : SqlLiteral(Offset)
{
    /// <summary>True for YEAR, QUARTER and MONTH amounts, which have no fixed length in milliseconds.</summary>
    public bool IsYearMonth => Unit is SqlTimeUnit.Year or SqlTimeUnit.Quarter or SqlTimeUnit.Month;

    /// <summary>The amount in months for a year-month interval.</summary>
    public long Months => Unit switch
    {
        SqlTimeUnit.Year => checked(Amount * 12),
        SqlTimeUnit.Quarter => checked(Amount * 3),
        SqlTimeUnit.Month => Amount,
        _ => throw new InvalidOperationException("A day-time interval has no month count."),
    };

    /// <summary>The amount in milliseconds for a day-time interval.</summary>
    public long Milliseconds => Unit switch
    {
        SqlTimeUnit.Week => checked(Amount * 7 * 86_400_000),
        SqlTimeUnit.Day => checked(Amount * 86_400_000),
        SqlTimeUnit.Hour => checked(Amount * 3_600_000),
        SqlTimeUnit.Minute => checked(Amount * 60_000),
        SqlTimeUnit.Second => checked(Amount * 1000),
        SqlTimeUnit.Millisecond => Amount,
        _ => throw new InvalidOperationException("A year-month interval has no fixed length."),
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"INTERVAL '{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}' {SqlFormatting.Unit(Unit)}";
}
