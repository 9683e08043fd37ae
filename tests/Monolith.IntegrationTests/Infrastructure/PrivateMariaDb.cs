using System.Diagnostics;
using System.Globalization;
using Monolith.Engine.Pipeline;
using MySqlConnector;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// A private MariaDB server for one test class or collection, started through the project's entry script
/// (<c>./dev mariadb start</c>), which installs the server from Debian's packages when it is missing. The
/// data directory lives in a temporary folder and is removed when the fixture is disposed.
/// </summary>
public class PrivateMariaDb : IAsyncLifetime
{
    private readonly string[] _serverOptions;

    /// <summary>A server with the project's default settings (row-based binlog, full images, CRC32).</summary>
    public PrivateMariaDb()
        : this([])
    {
    }

    /// <summary>A server with extra <c>[mysqld]</c> settings, each <c>name=value</c>.</summary>
    protected PrivateMariaDb(params string[] serverOptions)
    {
        _serverOptions = serverOptions;
        Directory = Path.Combine(Path.GetTempPath(), "monolith-mariadb-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The server's folder: data, socket, pid file, error log and <c>my.cnf</c>.</summary>
    public string Directory { get; }

    public string Host { get; private set; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The replication user, with REPLICATION SLAVE, REPLICATION CLIENT, SELECT and RELOAD.</summary>
    public string User { get; private set; } = "";

    public string Password { get; private set; } = "";

    /// <summary>A user with every privilege, for creating schemas and driving workloads.</summary>
    public string AdminUser { get; private set; } = "";

    public string AdminPassword { get; private set; } = "";

    /// <summary>A MySqlConnector connection string for the admin user, optionally with a default database.</summary>
    public string AdminConnectionString(string? database = null)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = Host,
            Port = (uint)Port,
            UserID = AdminUser,
            Password = AdminPassword,
            CharacterSet = "utf8mb4",
            AllowUserVariables = true,
            AllowLoadLocalInfile = false,
            Pooling = true,
            ConnectionTimeout = 10,
            DefaultCommandTimeout = 300,
        };
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder.ConnectionString;
    }

    /// <summary>Opens a connection as the admin user.</summary>
    public async Task<MySqlConnection> OpenAdminAsync(string? database = null)
    {
        var connection = new MySqlConnection(AdminConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs statements as the admin user.</summary>
    public async Task ExecuteAsync(string sql, string? database = null)
    {
        await using var connection = await OpenAdminAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The current binlog file and position (<c>SHOW MASTER STATUS</c>).</summary>
    public async Task<(string File, long Position)> GetBinlogPositionAsync()
    {
        await using var connection = await OpenAdminAsync();
        await using var command = new MySqlCommand("SHOW MASTER STATUS", connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("SHOW MASTER STATUS returned no row: is log_bin on?");
        }

        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Waits until <paramref name="pipeline"/> has published the server's current binlog position, that is, until
    /// every transaction committed so far is visible in its rollups; fails after a minute.
    /// </summary>
    public async Task WaitUntilPublishedAsync(MonolithPipeline pipeline)
    {
        var (file, offset) = await GetBinlogPositionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (pipeline.Counters.PublishedPosition is not { } published ||
               string.CompareOrdinal(published.Position.File, file) < 0 ||
               published.Position.File == file && published.Position.Offset < offset)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"the pipeline did not reach {file}:{offset} (published {pipeline.Counters.PublishedPosition})");
            await Task.Delay(50);
        }
    }

    public async Task InitializeAsync()
    {
        var arguments = new List<string> { "mariadb", "start", "--dir", Directory };
        foreach (var option in _serverOptions)
        {
            arguments.Add("--set");
            arguments.Add(option);
        }

        var output = await RunDevAsync(arguments);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        Host = values["host"];
        Port = int.Parse(values["port"], CultureInfo.InvariantCulture);
        User = values["user"];
        Password = values["password"];
        AdminUser = values["admin_user"];
        AdminPassword = values["admin_password"];
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await RunDevAsync(["mariadb", "stop", "--dir", Directory]);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is going away; the temporary folder is harmless.
        }
    }

    /// <summary>Runs the entry script and returns its standard output; a failure carries its standard error.</summary>
    public static async Task<string> RunDevAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(RepositoryPaths.DevScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {RepositoryPaths.DevScript}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"./dev {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}: " +
                await stderr);
        }

        return await stdout;
    }
}
