using Monolith.Binlog.Protocol;
using Monolith.Binlog.Replication;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Replication.ReplicationTestKit;

namespace Monolith.IntegrationTests.Replication;

/// <summary>
/// The stream survives a network that fails: connections cut at random points (inside packets, inside
/// transactions, during the handshake) and stalled connections. What a consumer commits must equal what the
/// server committed, without a transaction lost or repeated.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ConnectionFaultTests(PrivateMariaDb server, ITestOutputHelper output)
{
    [Fact]
    public async Task Connections_cut_at_random_points_during_a_workload_lose_and_repeat_no_transaction()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.orders (" +
            "id INT PRIMARY KEY, status VARCHAR(20), total DECIMAL(12,2), note VARCHAR(2000))");
        await using var proxy = new TcpProxy(server.Host, server.Port);
        var options = Options(server, "latest", proxy.Port);
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(500);
        var handler = new RecordingHandler();
        var client = new ReplicationClient(options, handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.State == ReplicationState.Streaming, "the stream", running: running);

        // Cuts land anywhere: in the handshake, in the queries before the dump, inside events and transactions.
        // Each connection carries up to 100 kB, several times the largest transaction, so the stream advances.
        var random = new Random(20260311);
        proxy.CutAtRandom(random, minBytes: 200, maxBytes: 100_000);
        await RunWorkloadAsync(database, transactions: 400, new Random(7));
        var expected = await ReadDirectlyAsync(handler.Starts[0].Start.ToString());
        await WaitUntilAsync(() => handler.Transactions.Count >= expected.Count,
            () => $"{expected.Count} transactions through the proxy (have {handler.Transactions.Count}, " +
            $"{proxy.Cuts} cuts, {handler.Losses.Count} losses, state {client.Status.State}, last error " +
            $"{client.Status.LastError})", TimeSpan.FromSeconds(90), running);
        proxy.StopCutting();
        await StopAsync(cancellation, running);

        var received = handler.Transactions;
        output.WriteLine($"{proxy.Connections} connections, {proxy.Cuts} cut by the proxy, " +
            $"{handler.DiscardedPartialTransactions} partial transactions discarded");
        Assert.True(proxy.Cuts >= 5, $"only {proxy.Cuts} cuts happened");
        Assert.True(handler.DiscardedPartialTransactions >= 1, "no cut fell inside a transaction");
        Assert.True(handler.Losses.Count >= 5, $"only {handler.Losses.Count} losses were reported");
        Assert.Equal(400, expected.Count);
        Assert.Equal(expected.Select(t => t.Gtid), received.Select(t => t.Gtid));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].SameBytesAs(received[i]), $"transaction {expected[i].Gtid} differs");
        }
    }

    [Fact]
    public async Task Stalled_connection_is_detected_by_the_heartbeat_timeout_and_replaced()
    {
        var database = NewDatabase();
        await server.ExecuteAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t (id INT PRIMARY KEY)");
        await using var proxy = new TcpProxy(server.Host, server.Port);
        var options = Options(server, "latest", proxy.Port);
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(200);
        options.HeartbeatTimeout = TimeSpan.FromMilliseconds(1000);
        var handler = new RecordingHandler();
        var client = new ReplicationClient(options, handler);
        using var cancellation = new CancellationTokenSource();
        var running = client.RunAsync(cancellation.Token);
        await WaitUntilAsync(() => client.Status.HeartbeatsReceived >= 2, "heartbeats", running: running);

        proxy.StallOpenConnections();
        var stalledAt = DateTime.UtcNow;
        await server.ExecuteAsync($"INSERT INTO {database}.t VALUES (1)");
        await WaitUntilAsync(() => handler.Transactions.Count >= 1, "the insert after the stall",
            TimeSpan.FromSeconds(20), running);
        var recoveredAfter = DateTime.UtcNow - stalledAt;
        await StopAsync(cancellation, running);

        // The last loss is the run's own end, by cancellation.
        var loss = Assert.IsType<BinlogConnectionException>(Assert.Single(handler.Losses.SkipLast(1)));
        Assert.IsType<OperationCanceledException>(handler.Losses[^1]);
        Assert.True(loss.IsTimeout);
        Assert.InRange(recoveredAfter, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
        Assert.Equal(2, proxy.Connections);
        Assert.Equal(1, client.Status.ConnectionsLost);
    }

    private async Task RunWorkloadAsync(string database, int transactions, Random random)
    {
        await using var connection = await server.OpenAdminAsync(database);
        var nextId = 1;
        for (var i = 0; i < transactions; i++)
        {
            string sql;
            switch (random.Next(4))
            {
                case 0:
                    var rows = Enumerable.Range(0, random.Next(2, 20)).Select(_ =>
                        $"({nextId++}, 'new', {random.Next(1, 100000)}.{random.Next(100):D2}, " +
                        $"REPEAT('n', {random.Next(0, 1000)}))");
                    sql = $"INSERT INTO orders VALUES {string.Join(", ", rows)}";
                    break;
                case 1 when nextId > 1:
                    var first = random.Next(1, nextId);
                    sql = $"UPDATE orders SET status = 'paid', total = total + 1 WHERE id BETWEEN {first} AND " +
                        $"{first + random.Next(0, 10)}";
                    break;
                case 2 when nextId > 1:
                    sql = $"DELETE FROM orders WHERE id = {random.Next(1, nextId)}";
                    break;
                default:
                    sql = $"INSERT INTO orders VALUES ({nextId++}, 'new', 1.00, 'single')";
                    break;
            }

            // Every statement is one transaction; one that changes no row still writes one (GTID + XID).
            await using var command = new MySqlConnector.MySqlCommand(
                $"START TRANSACTION; {sql}; INSERT INTO orders VALUES ({nextId++}, 'marker', 0, ''); COMMIT",
                connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The committed transactions from a start, read straight from the server (no proxy).</summary>
    private async Task<IReadOnlyList<RecordedTransaction>> ReadDirectlyAsync(string start)
    {
        var options = Options(server, start);
        options.StopAtEnd = true;
        var handler = new RecordingHandler();
        await new ReplicationClient(options, handler).RunAsync();
        return handler.Transactions;
    }
}
