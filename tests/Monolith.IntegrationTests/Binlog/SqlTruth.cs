using System.Globalization;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// Ground truth selected back from MariaDB, rendered as the JSON-lines contract renders each type (ARCHITECTURE.md,
/// "Values in JSON output"), so that a decoded image and a row selected in SQL compare column by column.
/// </summary>
/// <remarks>
/// Each column is selected through an expression that gives the contract's text: integers, BIT and YEAR as the
/// number; DECIMAL, DATE, DATETIME and TIME as the server prints them; TIMESTAMP printed in a UTC session with a
/// <c>T</c> and a <c>Z</c>; binary strings and spatial values as hexadecimal (the decoded base64 is converted);
/// FLOAT and DOUBLE as the value itself, compared as the binary number. JSON compares as a parsed document.
/// </remarks>
internal sealed class SqlTruth
{
    private SqlTruth(string database, string table, IReadOnlyList<(string Name, string Type)> columns)
    {
        Database = database;
        Table = table;
        Columns = columns;
    }

    public string Database { get; }

    public string Table { get; }

    /// <summary>Column names and their types (information_schema DATA_TYPE, <c>json</c> for MariaDB's JSON).</summary>
    public IReadOnlyList<(string Name, string Type)> Columns { get; }

    /// <summary>Reads the table's columns from information_schema.</summary>
    public static async Task<SqlTruth> ForTableAsync(PrivateMariaDb server, string database, string table)
    {
        await using var connection = await server.OpenAdminAsync();
        var json = new HashSet<string>(StringComparer.Ordinal);
        await using (var checks = new MySqlCommand(
            "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = @d AND " +
            "TABLE_NAME = @t", connection))
        {
            checks.Parameters.AddWithValue("@d", database);
            checks.Parameters.AddWithValue("@t", table);
            await using var reader = await checks.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var clause = reader.GetString(0);
                if (clause.StartsWith("json_valid(`", StringComparison.Ordinal))
                {
                    json.Add(clause["json_valid(`".Length..^2]);
                }
            }
        }

        var columns = new List<(string, string)>();
        await using var command = new MySqlCommand(
            "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @d AND " +
            "TABLE_NAME = @t ORDER BY ORDINAL_POSITION", connection);
        command.Parameters.AddWithValue("@d", database);
        command.Parameters.AddWithValue("@t", table);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                columns.Add((name, json.Contains(name) ? "json" : reader.GetString(1).ToLowerInvariant()));
            }
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"{database}.{table} has no columns on the server.");
        }

        return new SqlTruth(database, table, columns);
    }

    /// <summary>Every row, rendered, keyed by the value of <paramref name="key"/> as rendered.</summary>
    public async Task<Dictionary<string, Dictionary<string, string?>>> SelectAsync(PrivateMariaDb server,
        string key, string? where = null)
    {
        var expressions = string.Join(", ", Columns.Select(c => Expression(c.Name, c.Type)));
        var sql = $"SELECT {expressions} FROM `{Database}`.`{Table}`" + (where is null ? "" : $" WHERE {where}");
        await using var connection = await OpenAsync(server);
        await using (var zone = new MySqlCommand("SET time_zone = '+00:00'", connection))
        {
            await zone.ExecuteNonQueryAsync();
        }

        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                var (name, type) = Columns[i];
                row[name] = reader.IsDBNull(i) ? null : Canonical(type, reader.GetValue(i));
            }

            rows.Add(row[key] ?? throw new InvalidOperationException($"Key column {key} is NULL."), row);
        }

        return rows;
    }

    /// <summary>A decoded image rendered as <see cref="SelectAsync"/> renders rows, for the columns it holds.</summary>
    public Dictionary<string, string?> Render(JsonObject image)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, node) in image)
        {
            var type = Columns.FirstOrDefault(c => c.Name == name).Type
                ?? throw new InvalidOperationException($"The decoded image has a column {name} that " +
                    $"{Database}.{Table} does not have on the server (columns: " +
                    $"{string.Join(", ", Columns.Select(c => c.Name))}).");
            row[name] = node is null ? null : CanonicalDecoded(type, node);
        }

        return row;
    }

    /// <summary>
    /// Asserts that the decoded image holds, for every column it has, the value the server row has; with
    /// <paramref name="complete"/>, that it has every column.
    /// </summary>
    public void AssertSame(Dictionary<string, string?> expected, JsonObject decoded, string what, bool complete = true)
    {
        var actual = Render(decoded);
        if (complete)
        {
            Assert.True(actual.Count == expected.Count,
                $"{what}: decoded columns [{string.Join(", ", actual.Keys)}], server columns " +
                $"[{string.Join(", ", expected.Keys)}]");
        }

        foreach (var (name, value) in actual)
        {
            Assert.True(expected.TryGetValue(name, out var want), $"{what}: no server column {name}");
            if (!string.Equals(want, value, StringComparison.Ordinal))
            {
                Assert.Fail($"{what}, column {name} ({Columns.First(c => c.Name == name).Type}): the server has " +
                    $"{Show(want)}, the decoder gave {Show(value)} (line value {decoded[name]?.ToJsonString()})");
            }
        }
    }

    /// <summary>A connection that reads CHAR(36) as text, not as a GUID.</summary>
    private static async Task<MySqlConnection> OpenAsync(PrivateMariaDb server)
    {
        var builder = new MySqlConnectionStringBuilder(server.AdminConnectionString())
        {
            GuidFormat = MySqlGuidFormat.None,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string Show(string? value) =>
        value is null ? "NULL" : value.Length > 200 ? $"'{value[..200]}...' ({value.Length} chars)" : $"'{value}'";

    private static string Expression(string name, string type)
    {
        var column = $"`{name}`";
        return type switch
        {
            "tinyint" or "smallint" or "mediumint" or "int" or "bigint" or "decimal" or "date" or "datetime"
                or "time" => $"CAST({column} AS CHAR)",
            "bit" or "year" => $"CAST({column} + 0 AS CHAR)",
            "float" => $"CAST({column} AS DOUBLE)",
            "timestamp" => $"CONCAT(REPLACE(CAST({column} AS CHAR), ' ', 'T'), 'Z')",
            "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" or "geometry" or "point"
                or "linestring" or "polygon" or "multipoint" or "multilinestring" or "multipolygon"
                or "geometrycollection" => $"HEX({column})",
            "uuid" or "inet4" or "inet6" => $"CAST({column} AS CHAR)",
            _ => column,
        };
    }

    private static string Canonical(string type, object value) => type switch
    {
        "float" => ((float)Convert.ToDouble(value, CultureInfo.InvariantCulture)).ToString("R",
            CultureInfo.InvariantCulture),
        "double" => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        "json" => JsonNode.Parse((string)value)?.ToJsonString() ?? "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string CanonicalDecoded(string type, JsonNode node) => type switch
    {
        "float" => float.Parse(node.ToJsonString(), CultureInfo.InvariantCulture).ToString("R",
            CultureInfo.InvariantCulture),
        "double" => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture).ToString("R",
            CultureInfo.InvariantCulture),
        "json" => node.ToJsonString(),
        "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" or "geometry" or "point"
            or "linestring" or "polygon" or "multipoint" or "multilinestring" or "multipolygon"
            or "geometrycollection" => Convert.ToHexString(Convert.FromBase64String((string)node!)),
        _ => node.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : node.ToJsonString(),
    };
}
