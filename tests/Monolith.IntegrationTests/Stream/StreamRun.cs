using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Replication;
using MySqlConnector;

namespace Monolith.IntegrationTests.Stream;

/// <summary>
/// Replays a shop's binlog through an in-process <see cref="MonolithPipeline"/> up to the end of the binlog,
/// then compares each rollup, as its query engine answers <c>SELECT *</c>, with MariaDB's own evaluation.
/// </summary>
internal static class StreamRun
{
    /// <summary>Relative tolerance for DOUBLE metrics, whose sums depend on the order of addition.</summary>
    private const double DoubleTolerance = 1e-9;

    /// <summary>The rollups of <paramref name="cases"/>, parsed for <paramref name="database"/>.</summary>
    public static List<RollupDefinition> Definitions(IEnumerable<RollupCase> cases, string database) =>
    [
        .. cases.Select(c => RollupDefinition.Parse(c.Name, c.RollupSql.Replace("{db}", database,
                StringComparison.Ordinal),
            new RollupOptions
            {
                TimeZone = c.RollupZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(c.RollupZone),
            })),
    ];

    /// <summary>
    /// Runs a pipeline with the rollups from <paramref name="start"/> to the end of the binlog and returns it,
    /// stopped, with every transaction published.
    /// </summary>
    public static async Task<MonolithPipeline> ToEndAsync(PrivateMariaDb server, string start,
        IReadOnlyList<RollupDefinition> rollups)
    {
        var options = ReplicationTestKit.Options(server, start);
        options.StopAtEnd = true;
        var pipeline = new MonolithPipeline(options, rollups, NullLoggerFactory.Instance);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await pipeline.RunAsync(timeout.Token);
            Assert.Empty(pipeline.BindingErrors);
            Assert.Equal(0, pipeline.Counters.Rejected);
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs every case through one pipeline and asserts each rollup equals MariaDB's groups.</summary>
    public static async Task AssertAllEqualAsync(PrivateMariaDb server, StreamShop shop,
        IReadOnlyList<RollupCase> cases)
    {
        await using var pipeline = await ToEndAsync(server, shop.Start, Definitions(cases, shop.Database));
        var failures = new StringBuilder();
        foreach (var c in cases)
        {
            var problem = await CompareAsync(server, shop.Database, pipeline, c);
            if (problem is not null)
            {
                failures.Append(problem).Append('\n');
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>Compares one rollup with MariaDB; returns what differs, or null when the groups are equal.</summary>
    public static async Task<string?> CompareAsync(PrivateMariaDb server, string database, MonolithPipeline pipeline,
        RollupCase c)
    {
        var dimensions = pipeline.Store[c.Name].Definition.Dimensions.Count;
        var truth = await TruthAsync(server, database, c);
        var actual = pipeline.Queries.ExecuteSql($"SELECT * FROM {c.Name}").ToArrays()
            .Select(row => row.Select((v, i) => i == 0 ? ((DateTimeOffset)v!).ToUnixTimeMilliseconds() : v).ToArray())
            .ToList();
        if (truth.Count < c.MinGroups)
        {
            return $"{c.Name}: MariaDB has only {truth.Count} groups; the case needs at least {c.MinGroups}";
        }

        var expected = truth.ToDictionary(row => Key(row, dimensions));
        var differences = new List<string>();
        foreach (var row in actual)
        {
            var key = Key(row, dimensions);
            if (!expected.Remove(key, out var want))
            {
                differences.Add($"unexpected group [{key}]: {Values(row, dimensions)}");
                continue;
            }

            if (want.Length != row.Length)
            {
                return $"{c.Name}: the rollup has {row.Length} columns, MariaDB's SELECT {want.Length}";
            }

            for (var i = dimensions + 1; i < row.Length; i++)
            {
                if (!SameValue(want[i], row[i]))
                {
                    differences.Add($"group [{key}] column {i}: expected {Text(want[i])}, got {Text(row[i])}");
                }
            }
        }

        differences.AddRange(expected.Select(e => $"missing group [{e.Key}]: {Values(e.Value, dimensions)}"));
        return differences.Count == 0
            ? null
            : $"{c.Name}: {differences.Count} differences in {truth.Count} groups, e.g.\n  " +
              string.Join("\n  ", differences.Take(8));
    }

    private static async Task<List<object?[]>> TruthAsync(PrivateMariaDb server, string database, RollupCase c)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using (var zone = new MySqlCommand($"SET time_zone = '{c.SessionZone}'", connection))
        {
            await zone.ExecuteNonQueryAsync();
        }

        await using var command = new MySqlCommand(c.TruthSql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            row[0] = (long)Convert.ToDecimal(row[0], CultureInfo.InvariantCulture);
            rows.Add(row);
        }

        return rows;
    }

    private static string Key(object?[] row, int dimensions) =>
        string.Join(" | ", row.Take(dimensions + 1).Select(Text));

    private static string Values(object?[] row, int dimensions) =>
        string.Join(", ", row.Skip(dimensions + 1).Select(Text));

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "1" : "0",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Exact equality for integers and decimals (whatever their scale), a relative tolerance when either
    /// side is a DOUBLE.</summary>
    private static bool SameValue(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (expected is double or float || actual is double or float)
        {
            var e = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
            var a = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
            return Math.Abs(e - a) <= DoubleTolerance * Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a)));
        }

        return Exact(expected) == Exact(actual);
    }

    /// <summary>A number as an exact fraction's numerator scaled to 10^-30, for comparison across types.</summary>
    private static BigInteger Exact(object value)
    {
        var text = value switch
        {
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        };
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "" : digits[(point + 1)..];
        var scaled = BigInteger.Parse(whole + fraction.PadRight(30, '0'), CultureInfo.InvariantCulture);
        return negative ? -scaled : scaled;
    }
}
