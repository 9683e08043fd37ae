using System.Globalization;

namespace Monolith.Shop.Bulk;

/// <summary>Rows a bulk load wrote and how fast.</summary>
public sealed record BulkLoadReport(long Orders, long OrderItems, long Payments, TimeSpan Elapsed)
{
    /// <summary>All rows written.</summary>
    public long Rows => Orders + OrderItems + Payments;

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;

    public double OrdersPerSecond => Elapsed > TimeSpan.Zero ? Orders / Elapsed.TotalSeconds : 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Orders:N0} orders, {OrderItems:N0} items, {Payments:N0} payments: {Rows:N0} rows in " +
        $"{Elapsed.TotalSeconds:N1} s, {RowsPerSecond:N0} rows/s ({OrdersPerSecond:N0} orders/s)");
}
