using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Replication;
using Monolith.Engine.Enrichment;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Shop.Schema;
using Monolith.Shop.Workload;
using MySqlConnector;

namespace Monolith.IntegrationTests.Pipeline;

/// <summary>
/// Rollups that join dimension tables, fed by the real pipeline tailing a real MariaDB, against a temporal ground
/// truth that MariaDB itself records: triggers on the fact table keep, for every live fact row, the dimension
/// values current when its present image was written (inserted, or last updated). That is the join semantics the
/// pipeline promises: a fact is joined with the dimension rows as they stand at its place in the binlog, a later
/// change of a dimension row does not move facts already counted, and an update or delete of a fact retracts
/// exactly the values it was counted with.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class JoinRollupsTests(PrivateMariaDb server)
{
    private const string JoinedSelect =
        "SELECT NEW.id, p.price, c.name FROM (SELECT 1) AS one " +
        "LEFT JOIN products p ON p.id = NEW.product_id LEFT JOIN categories c ON c.id = p.category_id";

    [Fact]
    public async Task Join_rollups_equal_temporal_ground_truth_after_changes_to_facts_and_dimensions()
    {
        var database = "joins_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await ShopDatabase.CreateAsync(new ShopDatabaseOptions
        {
            ConnectionString = server.AdminConnectionString(),
            Database = database,
            Users = 150,
            Products = 60,
            Now = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified),
        });
        await CreateHistoryAsync(database);

        var rollups = Rollups(database);
        var stateDirectory = Directory.CreateTempSubdirectory("monolith-joins-");
        try
        {
            await using var pipeline = Pipeline(file, offset, rollups, stateDirectory.FullName);
            using var stop = new CancellationTokenSource();
            var running = Task.Run(() => pipeline.RunAsync(stop.Token));

            var report = await new ShopWorkload(new ShopWorkloadOptions
            {
                ConnectionString = server.AdminConnectionString(),
                Database = database,
                Seed = 23,
                MaxTransactions = 1000,
                TimeMode = ShopTimeMode.Simulated,
                SimulatedStep = TimeSpan.FromSeconds(30),
            }).RunAsync(CancellationToken.None);
            Assert.True(report.Tables["order_items"].Inserted > 0 && report.Tables["products"].Updated > 0,
                "the workload must place orders and reprice products");

            // Dimensions change under facts already counted, then some of those facts change: recategorised
            // products, renamed categories, updated and deleted order items, a deleted category and a fact whose
            // product does not exist.
            await server.ExecuteAsync(
                "UPDATE products SET category_id = (SELECT MIN(id) FROM categories) WHERE id % 4 = 0;" +
                "UPDATE categories SET name = CONCAT(name, ' (renamed)') WHERE id % 3 = 0;" +
                "UPDATE products SET price = price + 1.25 WHERE id % 5 = 1;" +
                "UPDATE order_items SET quantity = quantity + 1 WHERE id % 5 = 0;" +
                "DELETE FROM order_items WHERE id % 7 = 0;" +
                "DELETE FROM categories WHERE id = (SELECT MAX(category_id) FROM products);" +
                "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, line_total, " +
                "created_at) SELECT 4000000000, 1, id, 2, 10.00, 20.00, '2024-03-01 05:30:00' FROM products " +
                "WHERE category_id = (SELECT MAX(category_id) FROM products) LIMIT 1;" +
                "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, line_total, " +
                "created_at) VALUES (4000000000, 2, 999999999, 3, 5.00, 15.00, '2024-03-01 05:40:00');" +
                "UPDATE order_items SET quantity = quantity + 2 WHERE id % 11 = 0;",
                database);

            await server.WaitUntilPublishedAsync(pipeline);
            foreach (var (name, _, truthSql) in rollups)
            {
                await AssertEqualsGroundTruthAsync(pipeline, name, truthSql, database);
            }

            // The scenario must tell a temporal join from a join with the dimension rows as they are now.
            var current = await ReadGroupsAsync(
                "SELECT DATE_FORMAT(oi.created_at, '%Y-%m-%d %H:00:00'), c.name, COUNT(*), " +
                "SUM(oi.quantity * oi.unit_price) FROM order_items oi " +
                "LEFT JOIN products p ON p.id = oi.product_id LEFT JOIN categories c ON c.id = p.category_id " +
                "GROUP BY 1, 2", database);
            Assert.NotEqual(current, await ReadGroupsAsync(rollups[0].TruthSql, database));

            var missing = await ScalarAsync(
                "SELECT COUNT(*) FROM joined_history WHERE category IS NULL", database);
            Assert.True(missing >= 2, "the scenario must have facts without a dimension row");
            Assert.Equal(missing, pipeline.Counters.FactsWithoutDimensionRow);
            Assert.All(pipeline.JoinCounters, c => Assert.Equal(0, c.RetractionsWithoutRecord));

            await stop.CancelAsync();
            await running;
            Assert.Equal(0, pipeline.Counters.Rejected);
            Assert.Empty(pipeline.BindingErrors);
        }
        finally
        {
            stateDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_fact_keeps_the_dimension_values_it_entered_with_until_it_changes_itself()
    {
        var database = "joins_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync(
            $"CREATE DATABASE {database};" +
            $"CREATE TABLE {database}.categories (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL);" +
            $"CREATE TABLE {database}.items (id BIGINT PRIMARY KEY, category_id BIGINT NULL, " +
            "amount DECIMAL(10,2) NOT NULL, created_at DATETIME NOT NULL);");
        var sql = "SELECT TIME_FLOOR(i.created_at, 'P1D') AS __time, c.name AS category, COUNT(*) AS n, " +
                  $"SUM(i.amount) AS amount FROM {database}.items i LEFT JOIN {database}.categories c " +
                  "ON i.category_id = c.id GROUP BY 1, 2";
        var inner = "SELECT TIME_FLOOR(i.created_at, 'P1D') AS __time, c.name AS category, COUNT(*) AS n " +
                    $"FROM {database}.items i JOIN {database}.categories c ON c.id = i.category_id GROUP BY 1, 2";
        await using var pipeline = Pipeline(file, offset,
            [("left_join", sql, ""), ("inner_join", inner, "")], stateDirectory: null);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => pipeline.RunAsync(stop.Token));

        await server.ExecuteAsync(
            "INSERT INTO categories VALUES (1, 'books'), (2, 'games');" +
            "INSERT INTO items VALUES (10, 1, 5.00, '2024-01-01 10:00:00');" +
            // Renaming the category does not move item 10, counted as 'books'; item 11 enters as 'novels'.
            "UPDATE categories SET name = 'novels' WHERE id = 1;" +
            "INSERT INTO items VALUES (11, 1, 7.00, '2024-01-01 11:00:00');" +
            // Item 12 enters as 'games'; deleting the category later does not move it.
            "INSERT INTO items VALUES (12, 2, 1.00, '2024-01-01 12:00:00');" +
            "DELETE FROM categories WHERE id = 2;" +
            // Item 13 finds no category (deleted), item 14 none (never existed), item 15 a NULL key.
            "INSERT INTO items VALUES (13, 2, 2.00, '2024-01-01 13:00:00'), (14, 99, 3.00, '2024-01-01 14:00:00')," +
            " (15, NULL, 4.00, '2024-01-01 15:00:00');" +
            // An update of item 10 retracts it from 'books' and adds it as 'novels'; deleting item 11 retracts
            // it from 'novels'; category 2 comes back as 'toys' and item 13 moves there when it is updated.
            "UPDATE items SET amount = 6.00 WHERE id = 10;" +
            "DELETE FROM items WHERE id = 11;" +
            "INSERT INTO categories VALUES (2, 'toys');" +
            "UPDATE items SET amount = 2.50 WHERE id = 13;",
            database);
        await server.WaitUntilPublishedAsync(pipeline);

        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["novels"] = "1 6",
                ["games"] = "1 1",
                ["toys"] = "1 2.5",
                ["(null)"] = "2 7",
            },
            Groups(pipeline, "SELECT __time, category, n, amount FROM left_join", day));
        Assert.Equal(
            new Dictionary<string, string> { ["novels"] = "1", ["games"] = "1", ["toys"] = "1" },
            Groups(pipeline, "SELECT __time, category, n FROM inner_join", day));

        // Items 13 (first image), 14 and 15 found no category, each counted once per image, not per rollup.
        Assert.Equal(3, pipeline.Counters.FactsWithoutDimensionRow);
        Assert.All(pipeline.JoinCounters, c => Assert.Equal(3, c.FactsWithoutDimensionRow));
        await stop.CancelAsync();
        await running;
        Assert.Equal(0, pipeline.Counters.Rejected);
    }

    [Fact]
    public async Task Join_state_that_outgrows_its_memory_without_a_directory_stops_the_pipeline_with_a_clear_error()
    {
        var database = "joins_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync(
            $"CREATE DATABASE {database};" +
            $"CREATE TABLE {database}.categories (id BIGINT PRIMARY KEY, name VARCHAR(80) NOT NULL);" +
            $"CREATE TABLE {database}.items (id BIGINT PRIMARY KEY, category_id BIGINT NULL, " +
            "created_at DATETIME NOT NULL);");
        var sql = "SELECT TIME_FLOOR(i.created_at, 'P1D') AS __time, c.name AS category, COUNT(*) AS n " +
                  $"FROM {database}.items i LEFT JOIN {database}.categories c ON i.category_id = c.id GROUP BY 1, 2";
        await using var pipeline = new MonolithPipeline(
            new ReplicationOptions
            {
                Host = server.Host,
                Port = server.Port,
                User = server.User,
                Password = server.Password,
                ServerId = 7003,
                Start = $"{file}:{offset}",
            },
            [RollupDefinition.Parse("tiny", sql)],
            NullLoggerFactory.Instance,
            new PipelineOptions
            {
                Enrichment = new EnrichmentOptions { MemoryBytes = 1 << 14, PageBytes = 1 << 12, IndexBuckets = 64 },
            });
        var running = Task.Run(() => pipeline.RunAsync(CancellationToken.None));

        await server.ExecuteAsync(
            "INSERT INTO categories SELECT seq, CONCAT('category ', seq, REPEAT('-', 40)) FROM seq_1_to_2000",
            database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<EnrichmentStateException>(error.InnerException);
        Assert.Contains("State:Directory", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The join rollups: the first is the demo's revenue per category (data/shop.json's form); the
    /// second joins INNER and sums a joined column. Each with its ground truth over the recorded joins.</summary>
    private static List<(string Name, string Sql, string TruthSql)> Rollups(string database) =>
    [
        ("revenue_per_category",
            "SELECT TIME_FLOOR(oi.created_at, 'PT1H') AS __time, c.name AS category, COUNT(*) AS lines, " +
            "SUM(oi.quantity * oi.unit_price) AS revenue " +
            $"FROM {database}.order_items oi LEFT JOIN {database}.products p ON oi.product_id = p.id " +
            $"LEFT JOIN {database}.categories c ON p.category_id = c.id GROUP BY 1, 2",
            "SELECT DATE_FORMAT(oi.created_at, '%Y-%m-%d %H:00:00'), h.category, COUNT(*), " +
            "SUM(oi.quantity * oi.unit_price) FROM order_items oi " +
            "JOIN joined_history h ON h.item_id = oi.id GROUP BY 1, 2"),
        ("units_per_category",
            "SELECT TIME_FLOOR(oi.created_at, 'P1D') AS __time, c.name AS category, SUM(oi.quantity) AS units, " +
            "SUM(p.price) AS list_prices " +
            $"FROM {database}.order_items AS oi JOIN {database}.products AS p ON p.id = oi.product_id " +
            $"JOIN {database}.categories AS c ON c.id = p.category_id GROUP BY 1, 2",
            "SELECT DATE_FORMAT(oi.created_at, '%Y-%m-%d 00:00:00'), h.category, SUM(oi.quantity), SUM(h.price) " +
            "FROM order_items oi JOIN joined_history h ON h.item_id = oi.id WHERE h.category IS NOT NULL " +
            "GROUP BY 1, 2"),
    ];

    private MonolithPipeline Pipeline(string file, long offset, List<(string Name, string Sql, string)> rollups,
        string? stateDirectory) =>
        new(
            new ReplicationOptions
            {
                Host = server.Host,
                Port = server.Port,
                User = server.User,
                Password = server.Password,
                ServerId = 7002,
                Start = $"{file}:{offset}",
            },
            [.. rollups.Select(r => RollupDefinition.Parse(r.Name, r.Sql))],
            NullLoggerFactory.Instance,
            new PipelineOptions
            {
                Enrichment = new EnrichmentOptions
                {
                    StateDirectory = stateDirectory,
                    MemoryBytes = 1 << 22,
                    PageBytes = 1 << 16,
                    IndexBuckets = 1 << 10,
                },
            });

    /// <summary>
    /// The ground truth's record: per live order item, the product price and category name current when its
    /// present image was written, kept by triggers in the writing transaction.
    /// </summary>
    private async Task CreateHistoryAsync(string database)
    {
        // Order items written before the triggers exist are recorded with the dimension rows as they are now,
        // which is also how the pipeline joined them: no dimension row has changed since.
        var existing = JoinedSelect.Replace("NEW.", "oi.", StringComparison.Ordinal)
            .Replace("FROM (SELECT 1) AS one", "FROM order_items oi", StringComparison.Ordinal);
        await server.ExecuteAsync(
            "CREATE TABLE joined_history (item_id BIGINT UNSIGNED PRIMARY KEY, price DECIMAL(12,2) NULL, " +
            $"category VARCHAR(100) NULL); INSERT INTO joined_history {existing};",
            database);
        await server.ExecuteAsync(
            $"CREATE TRIGGER joined_insert AFTER INSERT ON order_items FOR EACH ROW INSERT INTO joined_history " +
            $"{JoinedSelect}", database);
        await server.ExecuteAsync(
            "CREATE TRIGGER joined_update AFTER UPDATE ON order_items FOR EACH ROW BEGIN " +
            "DELETE FROM joined_history WHERE item_id = OLD.id; " +
            $"INSERT INTO joined_history {JoinedSelect}; END", database);
        await server.ExecuteAsync(
            "CREATE TRIGGER joined_delete AFTER DELETE ON order_items FOR EACH ROW " +
            "DELETE FROM joined_history WHERE item_id = OLD.id", database);
    }

    private async Task<long> ScalarAsync(string sql, string database)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Compares a rollup with the ground truth's rows: the bucket as wall-clock text, the dimension,
    /// then the aggregates in the rollup's order.</summary>
    private async Task AssertEqualsGroundTruthAsync(MonolithPipeline pipeline, string rollup, string truthSql,
        string database)
    {
        var truth = await ReadGroupsAsync(truthSql, database);
        var definition = RollupDefinition.Parse(rollup, Rollups(database).Single(r => r.Name == rollup).Sql);
        var columns = string.Join(", ", definition.Metrics.Select(m => $"\"{m.Name}\""));
        var result = pipeline.Queries.ExecuteSql($"SELECT __time, category, {columns} FROM {rollup}");
        var monolith = new Dictionary<string, string>();
        foreach (var row in result.ToArrays())
        {
            monolith[$"{Millis(row[0])}|{(row[1] is null ? "(null)" : Text(row[1]))}"] =
                string.Join(" ", row.Skip(2).Select(Number));
        }

        Assert.True(truth.Count > 0, $"{rollup}: the ground truth is empty");
        Assert.Equal(truth, monolith);
    }

    /// <summary>Groups selected from MariaDB as bucket millis and dimension, to the aggregates as text.</summary>
    private async Task<Dictionary<string, string>> ReadGroupsAsync(string sql, string database)
    {
        var groups = new Dictionary<string, string>();
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var time = DateTime.ParseExact(reader.GetString(0), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var key = $"{new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds()}|" +
                      $"{(reader.IsDBNull(1) ? "(null)" : reader.GetString(1))}";
            groups[key] = string.Join(" ", Enumerable.Range(2, reader.FieldCount - 2)
                .Select(i => Number(reader.IsDBNull(i) ? null : reader.GetValue(i))));
        }

        return groups;
    }

    private static Dictionary<string, string> Groups(MonolithPipeline pipeline, string sql, long day)
    {
        var groups = new Dictionary<string, string>();
        foreach (var row in pipeline.Queries.ExecuteSql(sql).ToArrays())
        {
            Assert.Equal(day, Millis(row[0]));
            groups[row[1] is null ? "(null)" : Text(row[1])!] = string.Join(" ", row.Skip(2).Select(Number));
        }

        return groups;
    }

    private static long Millis(object? time) => time switch
    {
        long ms => ms,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        DateTime t => new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
        _ => throw new InvalidOperationException($"unexpected __time value {time}"),
    };

    /// <summary>A number in a canonical form (so that 12.50 and 12.5 compare equal); other values as text.</summary>
    private static string? Number(object? value) =>
        Text(value) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
            out var number)
            ? (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : Text(value);

    private static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
