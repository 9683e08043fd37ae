namespace Monolith.Engine.Sql.Ast;

/// <summary>
/// <c>TIMESTAMP '2025-11-28 01:00:00'</c> or <c>DATE '2025-11-28'</c>: a wall-clock value, held as
/// milliseconds since 1970-01-01T00:00 of that wall clock. The query engine reads it in UTC, as Druid does
/// with its default SQL time zone.
/// </summary>
/// <param name="Offset">Offset of the keyword.</param>
/// <param name="WallClockMillis">Milliseconds of the written wall-clock value counted as if it were UTC.</param>
/// <param name="IsDate">True for a DATE literal.</param>
public sealed record SqlTimestampLiteral(int Offset, long WallClockMillis, bool IsDate) : SqlLiteral(Offset)
{
    /// <inheritdoc />
    public override string ToString() => IsDate
        ? $"DATE '{Time.DruidTime.FormatSqlDate(WallClockMillis)}'"
        : $"TIMESTAMP '{Time.DruidTime.FormatSqlTimestamp(WallClockMillis)}'";
}
