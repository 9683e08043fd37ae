using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog.Tests.Protocol;

namespace Monolith.Binlog.Tests.Replication;

/// <summary>
/// The server side of a MySQL 8 replication connection, scripted from the protocol documentation for the
/// fake server: handshake, the queries the client issues before the dump, COM_REGISTER_SLAVE, and the dump
/// command, whose fields it returns for the test to check.
/// </summary>
internal static class FakeSource
{
    public const string Uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    public static Dictionary<string, string> MySqlVariables(string version = "8.4.2", uint serverId = 1,
        string uuid = Uuid) => new()
    {
        ["version"] = version,
        ["server_id"] = serverId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["server_uuid"] = uuid,
        ["log_bin"] = "ON",
        ["binlog_format"] = "ROW",
        ["binlog_row_image"] = "FULL",
        ["binlog_checksum"] = "CRC32",
        ["binlog_row_metadata"] = "FULL",
        ["gtid_mode"] = "ON",
        ["gtid_executed"] = $"{uuid}:1-100",
        ["gtid_purged"] = $"{uuid}:1-10",
        ["binlog_expire_logs_seconds"] = "2592000",
    };

    /// <summary>Plays the server until the dump command arrives; returns the queries seen and the dump.</summary>
    public static async Task<(List<string> Queries, byte[] Dump)> AcceptAsync(FakeServerSession session,
        Dictionary<string, string> variables, string[][]? binaryLogs = null, string[]? masterStatus = null)
    {
        await session.WritePacketAsync(InitialHandshakeTests.MySqlHandshake(variables["version"],
            (uint)(100 + session.Index), "abcdefghij0123456789"u8.ToArray(), "mysql_native_password"));
        await session.ReadHandshakeResponseAsync();
        await session.WriteOkAsync();

        var queries = new List<string>();
        while (true)
        {
            var command = await session.ReadCommandAsync();
            if (command[0] != 3)
            {
                return (queries, command);
            }

            var sql = Encoding.UTF8.GetString(command, 1, command.Length - 1);
            queries.Add(sql);
            if (sql.StartsWith("SHOW GLOBAL VARIABLES", StringComparison.Ordinal))
            {
                await session.WriteResultSetAsync(["Variable_name", "Value"],
                    [.. variables.Select(v => new string?[] { v.Key, v.Value })],
                    deprecateEof: true);
            }
            else if (sql == "SHOW GRANTS")
            {
                await session.WriteResultSetAsync(["Grants for repl@%"],
                    [["GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`%`"]], deprecateEof: true);
            }
            else if (sql == "SHOW BINARY LOGS")
            {
                await session.WriteResultSetAsync(["Log_name", "File_size", "Encrypted"],
                    binaryLogs ?? [["binlog.000001", "1000", "No"], ["binlog.000002", "500", "No"]],
                    deprecateEof: true);
            }
            else if (sql is "SHOW BINARY LOG STATUS" or "SHOW MASTER STATUS")
            {
                await session.WriteResultSetAsync(["File", "Position"],
                    [masterStatus ?? ["binlog.000002", "500"]], deprecateEof: true);
            }
            else if (sql.StartsWith("SET ", StringComparison.Ordinal))
            {
                await session.WriteOkAsync();
            }
            else
            {
                await session.WriteErrorAsync(1064, "42000", $"The fake server does not know '{sql}'");
            }

            if (queries.Count > 20)
            {
                throw new InvalidOperationException("The client sent too many queries.");
            }
        }
    }

    /// <summary>Reads COM_REGISTER_SLAVE, answers OK, and returns the server id it carries.</summary>
    public static async Task<uint> AcceptRegistrationAsync(FakeServerSession session, byte[] command)
    {
        Assert.Equal(0x15, command[0]);
        await session.WriteOkAsync();
        return BinaryPrimitives.ReadUInt32LittleEndian(command.AsSpan(1));
    }

    public static Task SendEventAsync(FakeServerSession session, byte[] eventBytes) =>
        session.WritePacketAsync([0x00, .. eventBytes]);

    public static Task SendEofAsync(FakeServerSession session) =>
        session.WritePacketAsync([0xFE, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]);
}
