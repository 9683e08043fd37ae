using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Query;

/// <summary>
/// The README's in-process example, verbatim between the markers: declare a rollup, apply inserts, an update and
/// a delete as Arrow change batches, and query it. The expected answers are worked out by hand from the rows.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Declare_apply_and_query_in_process_answers_what_the_rows_say()
    {
        // README example: begin
        var store = new RollupStore();
        var rollup = store.Add("orders_hourly",
            "SELECT TIME_FLOOR(created_at, 'PT1H') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
            "FROM shop.orders GROUP BY 1, 2");

        // Row changes are Arrow batches of the source table's columns plus __weight: +1 for a row image
        // that is added, -1 for one that is removed; an UPDATE is both.
        var schema = new Schema.Builder()
            .Field(f => f.Name("created_at").DataType(new TimestampType(TimeUnit.Microsecond, (string?)null)))
            .Field(f => f.Name("status").DataType(StringType.Default))
            .Field(f => f.Name("total").DataType(new Decimal128Type(10, 2)))
            .Field(f => f.Name("__weight").DataType(Int8Type.Default))
            .Build();
        RecordBatch Changes(params (string CreatedAt, string Status, decimal Total, sbyte Weight)[] rows)
        {
            var created = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
            var status = new StringArray.Builder();
            var total = new Decimal128Array.Builder(new Decimal128Type(10, 2));
            var weight = new Int8Array.Builder();
            foreach (var row in rows)
            {
                created.Append(DateTimeOffset.Parse(row.CreatedAt + "Z", CultureInfo.InvariantCulture));
                status.Append(row.Status);
                total.Append(row.Total);
                weight.Append(row.Weight);
            }

            return new RecordBatch(schema,
                [created.Build(), status.Build(), total.Build(), weight.Build()], rows.Length);
        }

        // The binding evaluates the rollup's SQL over change batches: WHERE, TIME_FLOOR, dimensions, arguments.
        var binding = RollupBinding.Create(rollup.Definition, schema);
        void Apply(RecordBatch changes, string position)
        {
            if (binding.Project(changes) is { } projected)
            {
                rollup.Apply(projected);
            }

            rollup.Commit(position); // queries see all changes up to here, atomically
        }

        Apply(Changes(
            ("2025-11-28 09:15:00", "new", 10.00m, +1),
            ("2025-11-28 09:40:00", "paid", 20.50m, +1),
            ("2025-11-28 10:05:00", "paid", 7.25m, +1)), "mariadb-bin.000001:1200");
        Apply(Changes(
            ("2025-11-28 09:15:00", "new", 10.00m, -1),   // UPDATE orders SET status = 'paid' ...
            ("2025-11-28 09:15:00", "paid", 10.00m, +1),
            ("2025-11-28 10:05:00", "paid", 7.25m, -1)),  // DELETE FROM orders ...
            "mariadb-bin.000001:1900");

        var queries = new QueryEngine(store);
        var result = queries.ExecuteSql(
            "SELECT TIME_FLOOR(__time, 'PT1H') AS hour, status, SUM(orders) AS orders, SUM(revenue) AS revenue " +
            "FROM orders_hourly WHERE status = ? GROUP BY 1, 2 ORDER BY 1", "paid");
        using var json = new MemoryStream();
        ResultWriter.Write(result, json, SqlResultFormat.Object);
        // [{"hour":"2025-11-28T09:00:00.000Z","status":"paid","orders":2,"revenue":30.50}]
        // README example: end

        Assert.Equal("""[{"hour":"2025-11-28T09:00:00.000Z","status":"paid","orders":2,"revenue":30.50}]""",
            Encoding.UTF8.GetString(json.ToArray()));
        Assert.Equal("mariadb-bin.000001:1900", rollup.Current.Position);
        // The deleted order's group and the updated order's old group are gone, not kept with zero counts.
        Assert.Equal("""[{"status":"paid","orders":2,"revenue":30.50}]""", ShopFixture.Format(
            queries.ExecuteSql("SELECT status, SUM(orders) AS orders, SUM(revenue) AS revenue FROM orders_hourly " +
                               "GROUP BY status"), SqlResultFormat.Object));
    }
}
