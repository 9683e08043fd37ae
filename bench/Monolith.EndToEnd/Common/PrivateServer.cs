using System.Globalization;
using Monolith.Binlog.Replication;
using MySqlConnector;

namespace Monolith.EndToEnd;

/// <summary>A private MariaDB started (or found running) through the project's entry script.</summary>
internal sealed class PrivateServer
{
    private readonly string _directory;

    private PrivateServer(string directory, IReadOnlyDictionary<string, string> values)
    {
        _directory = directory;
        Host = values["host"];
        Port = int.Parse(values["port"], CultureInfo.InvariantCulture);
        User = values["user"];
        Password = values["password"];
        AdminUser = values["admin_user"];
        AdminPassword = values["admin_password"];
    }

    public string Host { get; }

    public int Port { get; }

    public string User { get; }

    public string Password { get; }

    public string AdminUser { get; }

    public string AdminPassword { get; }

    public string AdminConnectionString => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = AdminUser,
        Password = AdminPassword,
        CharacterSet = "utf8mb4",
        DefaultCommandTimeout = 3600,
    }.ConnectionString;

    /// <summary>Starts the server in <paramref name="directory"/> (idempotent: a running one is reused).</summary>
    public static async Task<PrivateServer> StartAsync(string directory, params string[] settings)
    {
        var arguments = new List<string> { "mariadb", "start", "--dir", directory };
        foreach (var setting in settings)
        {
            arguments.Add("--set");
            arguments.Add(setting);
        }

        var output = await Processes.RunAsync(Path.Combine(Processes.Root, "dev"), arguments);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return new PrivateServer(directory, values);
    }

    /// <summary>Stops the server unless asked to keep it for the next run.</summary>
    public async Task StopAsync(bool keep)
    {
        MySqlConnection.ClearAllPools();
        if (!keep)
        {
            await Processes.RunAsync(Path.Combine(Processes.Root, "dev"), ["mariadb", "stop", "--dir", _directory]);
        }
    }

    /// <summary>The server's current binlog file and offset.</summary>
    public async Task<(string File, long Offset)> PositionAsync()
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW MASTER STATUS", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>Replica options for Monolith, starting at <paramref name="start"/>.</summary>
    public ReplicationOptions Replication(string start, uint serverId) => new()
    {
        Host = Host,
        Port = Port,
        User = User,
        Password = Password,
        ServerId = serverId,
        Start = start,
    };
}
