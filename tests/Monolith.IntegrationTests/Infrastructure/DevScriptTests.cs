using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// The entry script's promises: an idempotent private MariaDB that survives a crash, idempotent installs.
/// </summary>
public sealed class DevScriptTests : IAsyncLifetime
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "monolith-devtest-" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await PrivateMariaDb.RunDevAsync(["mariadb", "stop", "--dir", _directory]);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Mariadb_start_is_idempotent_and_recovers_from_a_killed_server()
    {
        var first = Parse(await PrivateMariaDb.RunDevAsync(["mariadb", "start", "--dir", _directory]));
        var second = Parse(await PrivateMariaDb.RunDevAsync(["mariadb", "start", "--dir", _directory]));

        // The second start finds the running server and reports it unchanged.
        Assert.Equal(first["pid"], second["pid"]);
        Assert.Equal(first["port"], second["port"]);
        Assert.Equal(1L, await SelectOneAsync(first));

        // A crash leaves a stale pid file behind; the next start removes it, starts again and answers.
        using (var server = Process.GetProcessById(int.Parse(first["pid"], CultureInfo.InvariantCulture)))
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        Assert.True(File.Exists(Path.Combine(_directory, "mysqld.pid")));
        MySqlConnection.ClearAllPools();
        var third = Parse(await PrivateMariaDb.RunDevAsync(["mariadb", "start", "--dir", _directory]));

        Assert.NotEqual(first["pid"], third["pid"]);
        Assert.Equal(1L, await SelectOneAsync(third));
        Assert.Contains("host=127.0.0.1", await PrivateMariaDb.RunDevAsync(["mariadb", "status", "--dir", _directory]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mariadb_status_reports_a_stopped_server_with_exit_code_3()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PrivateMariaDb.RunDevAsync(["mariadb", "status", "--dir", _directory]));
        Assert.Contains("exit code 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deps_node_installs_a_folder_once_and_again_after_package_json_changes()
    {
        Directory.CreateDirectory(_directory);
        var package = Path.Combine(_directory, "package.json");
        await File.WriteAllTextAsync(package, """{ "name": "dev-test", "version": "1.0.0", "private": true }""");
        var stamp = Path.Combine(_directory, "node_modules", ".dev-installed");

        await PrivateMariaDb.RunDevAsync(["deps", "node", _directory]);
        var installed = File.GetLastWriteTimeUtc(stamp);
        await PrivateMariaDb.RunDevAsync(["deps", "node", _directory]);
        Assert.Equal(installed, File.GetLastWriteTimeUtc(stamp));

        File.SetLastWriteTimeUtc(package, installed.AddSeconds(5));
        await PrivateMariaDb.RunDevAsync(["deps", "node", _directory]);
        Assert.True(File.GetLastWriteTimeUtc(stamp) > installed);
    }

    private static Dictionary<string, string> Parse(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split('=', 2))
        .Where(parts => parts.Length == 2)
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static async Task<long> SelectOneAsync(Dictionary<string, string> server)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = server["host"],
            Port = uint.Parse(server["port"], CultureInfo.InvariantCulture),
            UserID = server["admin_user"],
            Password = server["admin_password"],
            Pooling = false,
        };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT 1", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
