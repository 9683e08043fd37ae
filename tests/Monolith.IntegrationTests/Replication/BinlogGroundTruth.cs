using System.Globalization;
using Monolith.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace Monolith.IntegrationTests.Replication;

/// <summary>What the server itself says its binlog holds (SHOW BINARY LOGS, SHOW BINLOG EVENTS).</summary>
internal static class BinlogGroundTruth
{
    private static readonly Dictionary<string, byte> s_typeCodes = new(StringComparer.Ordinal)
    {
        ["Query"] = 2, ["Stop"] = 3, ["Rotate"] = 4, ["Format_desc"] = 15, ["Xid"] = 16, ["Table_map"] = 19,
        ["Write_rows_v1"] = 23, ["Update_rows_v1"] = 24, ["Delete_rows_v1"] = 25, ["Annotate_rows"] = 160,
        ["Binlog_checkpoint"] = 161, ["Gtid"] = 162, ["Gtid_list"] = 163,
    };

    public static async Task<IReadOnlyList<string>> BinaryLogsAsync(PrivateMariaDb server)
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlCommand("SHOW BINARY LOGS", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var files = new List<string>();
        while (await reader.ReadAsync())
        {
            files.Add(reader.GetString(0));
        }

        return files;
    }

    /// <summary>
    /// (type code, end position) of each event in <paramref name="file"/> from <paramref name="from"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(byte Type, long End)>> EventsAsync(PrivateMariaDb server, string file,
        long from = 4)
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlCommand(
            $"SHOW BINLOG EVENTS IN '{file}' FROM {from.ToString(CultureInfo.InvariantCulture)}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(byte, long)>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(reader.GetOrdinal("Event_type"));
            if (!s_typeCodes.TryGetValue(name, out var code))
            {
                throw new InvalidOperationException($"SHOW BINLOG EVENTS listed an event type '{name}' the test " +
                    "does not map.");
            }

            events.Add((code, Convert.ToInt64(reader.GetValue(reader.GetOrdinal("End_log_pos")),
                CultureInfo.InvariantCulture)));
        }

        return events;
    }

    public static async Task<string> ScalarAsync(PrivateMariaDb server, string sql)
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
