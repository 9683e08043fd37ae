using Monolith.Binlog.Replication;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Replication.ReplicationTestKit;

namespace Monolith.IntegrationTests.Replication;

[Collection(MariaDbCollection.Name)]
public sealed class ReplicationStreamTests(PrivateMariaDb server)
{
    private const byte Gtid = 162;
    private const byte TableMap = 19;
    private const byte WriteRows = 23;
    private const byte Xid = 16;
    private const byte BinlogCheckpoint = 161;

    [Fact]
    public async Task Inserts_after_a_latest_start_arrive_as_gtid_table_map_write_rows_xid_with_crc32()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY, " +
            "name VARCHAR(20))");
        var handler = new RecordingHandler();
        var client = new ReplicationClient(Options(server, "latest"), handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.State == ReplicationState.Streaming, "the stream", running: running);

        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1, 'a'), (2, 'b')");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (3, 'c')");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (4, 'd')");
        await WaitUntilAsync(() => handler.Transactions.Count >= 3, "three transactions", running: running);
        await StopAsync(cancellation, running);

        var transactions = handler.Transactions;
        Assert.Equal(3, transactions.Count);
        Assert.All(transactions, t => Assert.Equal([Gtid, TableMap, WriteRows, Xid], t.Types));
        Assert.All(handler.AllEvents, e => Assert.True(Crc32.TrailerMatches(e), $"CRC32 of event type {e[4]}"));
        var status = client.Status;
        Assert.Equal(ReplicationState.Stopped, status.State);
        Assert.Equal(transactions[^1].EndFile, status.File);
        Assert.Equal(transactions[^1].EndOffset, status.Position);
        Assert.Equal(handler.AllEvents.Count, status.EventsReceived);
        Assert.Equal(handler.AllEvents.Sum(e => (long)e.Length), status.BytesReceived);
    }

    [Fact]
    public async Task Earliest_start_reads_every_event_the_server_lists_in_every_binlog_file()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1); FLUSH BINARY LOGS; " +
            $"INSERT INTO {database}.t VALUES (2); UPDATE {database}.t SET id = 3 WHERE id = 2; " +
            $"DELETE FROM {database}.t WHERE id = 1");
        var options = Options(server, "earliest");
        options.StopAtEnd = true;
        options.RequestAnnotateRows = true;
        var handler = new RecordingHandler();

        await new ReplicationClient(options, handler).RunAsync();

        var expected = new List<(byte, long)>();
        foreach (var file in await BinlogGroundTruth.BinaryLogsAsync(server))
        {
            expected.AddRange(await BinlogGroundTruth.EventsAsync(server, file));
        }

        // The stream adds a ROTATE with next-position 0 at its start, which no file holds.
        var received = handler.AllEvents.Where(e => NextPosition(e) != 0)
            .Select(e => (e[4], (long)NextPosition(e))).ToList();
        // MariaDB writes a BINLOG_CHECKPOINT on its own once the rotated file's transactions are durable, which can
        // land after the stream reached the end; anything listed beyond what was read must be only that event.
        Assert.True(received.Count <= expected.Count,
            $"read {received.Count} events, the server lists {expected.Count}");
        Assert.Equal(expected.Take(received.Count), received);
        Assert.All(expected.Skip(received.Count), e => Assert.Equal(BinlogCheckpoint, e.Item1));
        Assert.Equal(4, handler.AllEvents[0][4]);
        Assert.Equal(0u, NextPosition(handler.AllEvents[0]));
    }

    [Fact]
    public async Task Position_start_reads_from_exactly_that_offset()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        var (file, position) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1); INSERT INTO {database}.t VALUES (2)");
        var options = Options(server, $"{file}:{position}");
        options.StopAtEnd = true;
        var handler = new RecordingHandler();

        await new ReplicationClient(options, handler).RunAsync();

        // Without RequestAnnotateRows the server leaves out ANNOTATE_ROWS (160) events.
        var expected = (await BinlogGroundTruth.EventsAsync(server, file, position))
            .Where(e => e.Type != 160).Select(e => e.End);
        Assert.Equal(expected, handler.AllEvents.Select(e => (long)NextPosition(e)).Where(end => end > position));
        Assert.Equal(2, handler.Transactions.Count);
        Assert.Equal(file, handler.Starts.Single().Start.Position!.Value.File);
    }

    [Fact]
    public async Task MariaDb_gtid_start_delivers_exactly_the_transactions_after_it()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        var before = await BinlogGroundTruth.ScalarAsync(server, "SELECT @@gtid_binlog_pos");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1)");
        var first = await BinlogGroundTruth.ScalarAsync(server, "SELECT @@gtid_binlog_pos");
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (2)");
        var second = await BinlogGroundTruth.ScalarAsync(server, "SELECT @@gtid_binlog_pos");
        var options = Options(server, before);
        options.StopAtEnd = true;
        var handler = new RecordingHandler();

        await new ReplicationClient(options, handler).RunAsync();

        Assert.Equal([first, second], handler.Transactions.Select(t => t.Gtid));
        Assert.Equal(ReplicationStartKind.MariaDbGtids, handler.Starts.Single().Start.Kind);
    }

    [Fact]
    public async Task Heartbeats_arrive_on_an_idle_connection_at_the_configured_period()
    {
        var options = Options(server, "latest");
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(250);
        var handler = new RecordingHandler();
        var client = new ReplicationClient(options, handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.HeartbeatsReceived >= 1, "a first heartbeat", running: running);

        var start = client.Status.HeartbeatsReceived;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var count = client.Status.HeartbeatsReceived - start;
        var elapsed = clock.Elapsed;
        await StopAsync(cancellation, running);

        // Eight periods pass; timer slack on a busy machine may lose one or two, never add many.
        var expected = elapsed / options.HeartbeatPeriod;
        Assert.InRange(count, (long)(expected * 0.6), (long)(expected * 1.2) + 1);
        Assert.NotNull(client.Status.File);
        Assert.Equal(0, client.Status.ConnectionsLost);
    }

    [Fact]
    public async Task Blocked_handler_stops_the_client_reading_while_the_server_holds_the_binlog()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY, " +
            "pad VARCHAR(1000))");
        var handler = new RecordingHandler();
        var client = new ReplicationClient(Options(server, "latest"), handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.State == ReplicationState.Streaming, "the stream", running: running);
        handler.Gate.Reset();

        // About 48 MB of binlog in 6 transactions while the handler blocks on the first event.
        for (var i = 0; i < 6; i++)
        {
            await server.ExecuteAsync($"INSERT INTO {database}.t SELECT seq + {i * 8000}, REPEAT('x', 1000) " +
                "FROM seq_1_to_8000", database);
        }

        await WaitUntilAsync(() => client.Status.EventsReceived > 0, "the first event", running: running);
        await Task.Delay(500);
        var receivedWhileBlocked = client.Status.BytesReceived;
        await Task.Delay(1000);
        Assert.Equal(receivedWhileBlocked, client.Status.BytesReceived);
        Assert.InRange(receivedWhileBlocked, 1, 16L * 1024 * 1024);

        handler.Gate.Set();
        await WaitUntilAsync(() => handler.Transactions.Count >= 6, "all six transactions", running: running);
        await StopAsync(cancellation, running);
        Assert.True(client.Status.BytesReceived > 40L * 1024 * 1024);
        Assert.Equal(48_000, handler.Transactions.Sum(t => t.Events.Count(e => e[4] == WriteRows) > 0 ? 8000 : 0));
    }

    [Fact]
    public async Task Wrong_password_fails_the_run_at_once_without_retrying()
    {
        var options = Options(server, "latest");
        options.Password = "wrong-Password-9";
        var client = new ReplicationClient(options, new RecordingHandler());

        var error = await Assert.ThrowsAsync<Monolith.Binlog.BinlogAuthenticationException>(() => client.RunAsync());

        Assert.DoesNotContain("wrong-Password-9", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ReplicationState.Failed, client.Status.State);
        Assert.Equal(0, client.Status.ConnectionsLost);
    }

    [Fact]
    public async Task Server_inspection_reports_the_binlog_settings_and_finds_nothing_wrong_for_cdc()
    {
        var info = await ReplicationClient.InspectServerAsync(Options(server, "latest"));

        Assert.Equal(Monolith.Binlog.Protocol.ServerFlavor.MariaDb, info.Flavor);
        Assert.True(info.LogBin);
        Assert.Equal("ROW", info.BinlogFormat);
        Assert.Equal("FULL", info.BinlogRowImage);
        Assert.Equal("CRC32", info.BinlogChecksum);
        Assert.Equal(1u, info.ServerId);
        Assert.Contains("REPLICATION SLAVE", info.GlobalPrivileges);
        Assert.NotNull(info.BinaryLogs);
        Assert.NotEmpty(info.BinaryLogs);
        var problems = info.Validate(replicaServerId: 4201);
        Assert.DoesNotContain(problems, p => p.Severity != ServerSettingSeverity.Notice);
        Assert.Contains(info.Validate(replicaServerId: 1), p => p.Setting == "server_id");
    }
}
