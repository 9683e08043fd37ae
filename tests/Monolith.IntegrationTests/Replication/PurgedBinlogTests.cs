using Monolith.Binlog.Replication;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Replication.ReplicationTestKit;

namespace Monolith.IntegrationTests.Replication;

/// <summary>
/// Starts the binlog no longer holds. The class has its own server, because purging binlogs would take the
/// 'earliest' start away from the tests sharing the default one.
/// </summary>
public sealed class PurgedBinlogTests(PurgedBinlogTests.Server server, ITestOutputHelper output)
    : IClassFixture<PurgedBinlogTests.Server>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Position_in_a_purged_file_is_a_clear_error_naming_the_files_left_and_what_to_do()
    {
        var options = Options(server, $"{server.PurgedFile}:4");
        options.StopAtEnd = true;

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(options, new RecordingHandler()).RunAsync().WaitAsync(s_timeout));
        output.WriteLine(error.Message);

        Assert.Contains($"no longer has the binlog file of {server.PurgedFile}:4", error.Message,
            StringComparison.Ordinal);
        Assert.Contains(server.RemainingFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("PURGE BINARY LOGS", error.Message, StringComparison.Ordinal);
        Assert.Contains("new snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gtid_position_in_purged_binlogs_is_the_servers_error_explained()
    {
        var options = Options(server, server.PurgedGtid);
        options.StopAtEnd = true;

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(options, new RecordingHandler()).RunAsync().WaitAsync(s_timeout));
        output.WriteLine(error.Message);

        Assert.Contains("1236", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.PurgedGtid, error.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offset_beyond_the_end_of_a_file_is_an_impossible_position()
    {
        var options = Options(server, $"{server.RemainingFile}:{server.RemainingFileSize + 1000}");
        options.StopAtEnd = true;

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(options, new RecordingHandler()).RunAsync().WaitAsync(s_timeout));
        output.WriteLine(error.Message);

        Assert.Contains("impossible position", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("end of a committed transaction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Earliest_start_begins_at_the_oldest_file_left()
    {
        var options = Options(server, "earliest");
        options.StopAtEnd = true;
        var handler = new RecordingHandler();

        await new ReplicationClient(options, handler).RunAsync().WaitAsync(s_timeout);

        Assert.Equal(new Monolith.Binlog.BinlogPosition(server.RemainingFile, 4),
            handler.Starts.Single().Start.Position);
        Assert.Equal(2, handler.Transactions.Count);
    }

    /// <summary>A server whose first binlog files were purged after a few transactions.</summary>
    public sealed class Server : PrivateMariaDb, IAsyncLifetime
    {
        public string PurgedFile { get; private set; } = "";

        public string PurgedGtid { get; private set; } = "";

        public string RemainingFile { get; private set; } = "";

        public long RemainingFileSize { get; private set; }

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await ExecuteAsync("CREATE DATABASE purge_test; CREATE TABLE purge_test.t (id INT PRIMARY KEY)");
            PurgedFile = (await GetBinlogPositionAsync()).File;
            await ExecuteAsync("INSERT INTO purge_test.t VALUES (1)");
            PurgedGtid = await BinlogGroundTruth.ScalarAsync(this, "SELECT @@gtid_binlog_pos");
            await ExecuteAsync("INSERT INTO purge_test.t VALUES (2); FLUSH BINARY LOGS; " +
                "INSERT INTO purge_test.t VALUES (3); FLUSH BINARY LOGS");
            RemainingFile = (await GetBinlogPositionAsync()).File;
            await PurgeToAsync(RemainingFile);
            await ExecuteAsync("INSERT INTO purge_test.t VALUES (4); INSERT INTO purge_test.t VALUES (5)");
            RemainingFileSize = (await GetBinlogPositionAsync()).Position;
        }

        // MariaDB keeps a binlog file until its binlog checkpoint says the storage engine has made the file's
        // transactions durable (about a second with innodb_flush_log_at_trx_commit=2), and skips it before.
        private async Task PurgeToAsync(string file)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                await ExecuteAsync($"PURGE BINARY LOGS TO '{file}'");
                var logs = await BinlogGroundTruth.BinaryLogsAsync(this);
                if (logs[0] == file)
                {
                    return;
                }

                await Task.Delay(200);
            }

            throw new InvalidOperationException($"PURGE BINARY LOGS TO '{file}' did not remove the older files.");
        }
    }
}
