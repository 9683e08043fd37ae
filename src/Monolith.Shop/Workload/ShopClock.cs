namespace Monolith.Shop.Workload;

/// <summary>The instant a transaction happens at, and the shop's wall clock for it.</summary>
internal sealed class ShopClock(ShopTimeMode mode, DateTimeOffset start, TimeSpan step, TimeZoneInfo zone)
{
    /// <summary>The instant of the transaction with the given sequence number (from 1).</summary>
    public DateTimeOffset Instant(long sequence) => mode == ShopTimeMode.Simulated
        ? start + (step * (sequence - 1))
        : DateTimeOffset.UtcNow;

    /// <summary>The value for a TIMESTAMP column: the instant in UTC (sessions run with time_zone '+00:00').</summary>
    public static DateTime Timestamp(DateTimeOffset instant) => instant.UtcDateTime;

    /// <summary>The value for a DATETIME column: the wall clock in the shop's zone, without a zone.</summary>
    public DateTime WallClock(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone), DateTimeKind.Unspecified);
}
