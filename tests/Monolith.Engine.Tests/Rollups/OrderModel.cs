using System.Data.SqlTypes;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// A source row of the model test, and the Arrow batches the transform stage would produce for the model
/// rollup from row images with weights.
/// </summary>
internal sealed record OrderRow(
    long Minute, string? Status, long? Region, decimal? Amount, double? Price, long Created, ulong Big,
        string? Customer)
{
    public const string Sql =
        "SELECT TIME_FLOOR(created, 'PT1M') AS __time, status, region, COUNT(*) AS n, " +
        "COUNT(amount) AS amount_count, SUM(amount) AS amount_sum, AVG(amount) AS amount_avg, " +
        "MIN(amount) AS amount_min, MAX(amount) AS amount_max, SUM(price) AS price_sum, MAX(price) AS price_max, " +
        "MIN(created) AS first_created, MAX(big) AS big_max, SUM(big) AS big_sum, " +
        "COUNT(DISTINCT customer) AS customers, APPROX_COUNT_DISTINCT(customer) AS approx_customers, " +
        "APPROX_QUANTILE_DS(price, 0.5) AS price_median FROM shop.orders GROUP BY 1, 2, 3";

    public const long MinuteMillis = 60_000;

    public static RecordBatch Batch(IReadOnlyList<(OrderRow Row, sbyte Weight)> changes)
    {
        var time = new Int64Array.Builder();
        var status = new StringArray.Builder();
        var region = new Int64Array.Builder();
        var decimalType = new Decimal128Type(12, 2);
        var amountColumns = Enumerable.Range(0, 5).Select(_ => new Decimal128Array.Builder(decimalType)).ToArray();
        var priceSum = new DoubleArray.Builder();
        var priceMax = new DoubleArray.Builder();
        var priceMedian = new DoubleArray.Builder();
        var created = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, TimeZoneInfo.Utc));
        var bigMax = new UInt64Array.Builder();
        var bigSum = new UInt64Array.Builder();
        var customers = new StringArray.Builder();
        var approx = new StringArray.Builder();
        var weight = new Int8Array.Builder();
        foreach (var (row, w) in changes)
        {
            time.Append(row.Minute * MinuteMillis);
            if (row.Status is null)
            {
                status.AppendNull();
            }
            else
            {
                status.Append(row.Status);
            }

            if (row.Region is { } r)
            {
                region.Append(r);
            }
            else
            {
                region.AppendNull();
            }

            foreach (var column in amountColumns)
            {
                if (row.Amount is { } a)
                {
                    column.Append(new SqlDecimal(a));
                }
                else
                {
                    column.AppendNull();
                }
            }

            foreach (var column in new[] { priceSum, priceMax, priceMedian })
            {
                if (row.Price is { } p)
                {
                    column.Append(p);
                }
                else
                {
                    column.AppendNull();
                }
            }

            created.Append(DateTimeOffset.FromUnixTimeMilliseconds(row.Created));
            bigMax.Append(row.Big);
            bigSum.Append(row.Big);
            foreach (var column in new[] { customers, approx })
            {
                if (row.Customer is null)
                {
                    column.AppendNull();
                }
                else
                {
                    column.Append(row.Customer);
                }
            }

            weight.Append(w);
        }

        var fields = new List<(string Name, IArrowArray Array)>
        {
            ("__time", time.Build()),
            ("status", status.Build()),
            ("region", region.Build()),
            ("amount_count", amountColumns[0].Build()),
            ("amount_sum", amountColumns[1].Build()),
            ("amount_avg", amountColumns[2].Build()),
            ("amount_min", amountColumns[3].Build()),
            ("amount_max", amountColumns[4].Build()),
            ("price_sum", priceSum.Build()),
            ("price_max", priceMax.Build()),
            ("first_created", created.Build()),
            ("big_max", bigMax.Build()),
            ("big_sum", bigSum.Build()),
            ("customers", customers.Build()),
            ("approx_customers", approx.Build()),
            ("price_median", priceMedian.Build()),
            ("__weight", weight.Build()),
        };
        var schema = new Schema(fields.Select(f => new Field(f.Name, f.Array.Data.DataType, true)), null);
        return new RecordBatch(schema, fields.Select(f => f.Array), changes.Count);
    }
}
