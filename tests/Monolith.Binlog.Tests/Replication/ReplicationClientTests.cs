using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using Monolith.Binlog.Tests.Protocol;

namespace Monolith.Binlog.Tests.Replication;

/// <summary>
/// The replication conversation with a MySQL 8 source, played by <see cref="FakeServer"/> (no MySQL server is
/// installable here; MariaDB's side is tested against a real server in the integration tests).
/// </summary>
public sealed class ReplicationClientTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Mysql_gtid_start_negotiates_checksum_and_heartbeat_and_sends_the_encoded_set()
    {
        var start = $"{FakeSource.Uuid}:1-50";
        var events = new[]
        {
            TestEvents.RotateTo("binlog.000002", 4),
            TestEvents.FormatDescriptionEvent(126, crc32: true),
            TestEvents.Build(TestEvents.Gtid, 200, new byte[42]),
            TestEvents.XidEvent(300, 7),
        };
        List<string> queries = [];
        byte[] dump = [];
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            queries = accepted.Queries;
            Assert.Equal(4201u, await FakeSource.AcceptRegistrationAsync(session, accepted.Dump));
            dump = await session.ReadCommandAsync();
            foreach (var e in events)
            {
                await FakeSource.SendEventAsync(session, e);
            }

            await FakeSource.SendEofAsync(session);
        });
        var handler = new CommitTrackingHandler();
        var client = new ReplicationClient(Options(server, start), handler);

        await client.RunAsync().WaitAsync(s_timeout);
        await server.Completion;

        var set = Assert.Single(queries, q => q.StartsWith("SET ", StringComparison.Ordinal));
        Assert.Contains("@master_binlog_checksum = @@global.binlog_checksum", set, StringComparison.Ordinal);
        Assert.Contains("@source_binlog_checksum = @@global.binlog_checksum", set, StringComparison.Ordinal);
        Assert.Contains("@source_heartbeat_period = 1000000000", set, StringComparison.Ordinal);
        Assert.DoesNotContain("mariadb", set, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(0x1E, dump[0]);
        Assert.Equal(0x04 | 0x01, BinaryPrimitives.ReadUInt16LittleEndian(dump.AsSpan(1)));
        Assert.Equal(4201u, BinaryPrimitives.ReadUInt32LittleEndian(dump.AsSpan(3)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(dump.AsSpan(7)));
        Assert.Equal(4UL, BinaryPrimitives.ReadUInt64LittleEndian(dump.AsSpan(11)));
        var encoded = MySqlGtidSet.Parse(start).Encode();
        Assert.Equal((uint)encoded.Length, BinaryPrimitives.ReadUInt32LittleEndian(dump.AsSpan(19)));
        Assert.Equal(encoded, dump[23..]);

        Assert.Equal(events, handler.Events);
        Assert.Equal(ReplicationStartKind.MySqlGtids, Assert.Single(handler.Starts).Start.Kind);
        Assert.Equal("binlog.000002", client.Status.File);
        Assert.Equal(300, client.Status.Position);
        Assert.Equal(ReplicationState.Stopped, client.Status.State);
    }

    [Theory]
    [InlineData("8.4.2", "SHOW BINARY LOG STATUS")]
    [InlineData("8.0.36", "SHOW MASTER STATUS")]
    public async Task Latest_start_reads_the_current_position_with_the_statement_the_version_has(string version,
        string statement)
    {
        List<string> queries = [];
        byte[] dump = [];
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables(version),
                binaryLogs: [["binlog.000006", "900", "No"], ["binlog.000007", "1234", "No"]],
                masterStatus: ["binlog.000007", "1234"]);
            queries = accepted.Queries;
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            dump = await session.ReadCommandAsync();
            await FakeSource.SendEofAsync(session);
        });

        await new ReplicationClient(Options(server, "latest"), new CommitTrackingHandler()).RunAsync()
            .WaitAsync(s_timeout);
        await server.Completion;

        Assert.Contains(statement, queries);
        Assert.Equal(0x12, dump[0]);
        Assert.Equal(1234u, BinaryPrimitives.ReadUInt32LittleEndian(dump.AsSpan(1)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(dump.AsSpan(5)));
        Assert.Equal("binlog.000007", Encoding.ASCII.GetString(dump, 11, dump.Length - 11));
    }

    [Fact]
    public async Task Connection_cut_inside_a_transaction_resumes_at_the_end_of_the_last_commit()
    {
        var dumps = new List<byte[]>();
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            dumps.Add(await session.ReadCommandAsync());
            await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
            await FakeSource.SendEventAsync(session, TestEvents.FormatDescriptionEvent(126, crc32: true));
            if (session.Index == 0)
            {
                await FakeSource.SendEventAsync(session, TestEvents.Build(TestEvents.Gtid, 200, new byte[42]));
                await FakeSource.SendEventAsync(session, TestEvents.XidEvent(300, 1));
                await FakeSource.SendEventAsync(session, TestEvents.Build(TestEvents.Gtid, 380, new byte[42]));

                // Half of the next event's packet, then the connection drops.
                var packet = Packets.Frame(session.Sequence, [0x00, .. TestEvents.XidEvent(420, 2)]);
                await session.Stream.WriteAsync(packet.AsMemory(0, 12));
                return;
            }

            await FakeSource.SendEventAsync(session, TestEvents.Build(TestEvents.Gtid, 380, new byte[42]));
            await FakeSource.SendEventAsync(session, TestEvents.XidEvent(420, 2));
            await FakeSource.SendEofAsync(session);
        }, connections: 2);
        var handler = new CommitTrackingHandler();

        await new ReplicationClient(Options(server, "binlog.000001:4"), handler).RunAsync().WaitAsync(s_timeout);
        await server.Completion;

        Assert.Equal(2, handler.Commits);
        var loss = Assert.Single(handler.Losses);
        Assert.IsType<BinlogTruncatedException>(loss);
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(dumps[0].AsSpan(1)));
        Assert.Equal(300u, BinaryPrimitives.ReadUInt32LittleEndian(dumps[1].AsSpan(1)));
        Assert.Equal("binlog.000001", Encoding.ASCII.GetString(dumps[1], 11, dumps[1].Length - 11));
        Assert.True(handler.Starts[1].IsReconnection);
        Assert.Equal(new BinlogPosition("binlog.000001", 300), handler.Starts[1].Start.Position);
    }

    [Fact]
    public async Task Purged_position_is_a_clear_error_and_is_not_retried()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            await session.ReadCommandAsync();
            await session.WriteErrorAsync(1236, "HY000",
                "Could not find first log file name in binary log index file");
        });
        var handler = new CommitTrackingHandler();

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(Options(server, "binlog.000002:4"), handler).RunAsync().WaitAsync(s_timeout));

        Assert.Contains("Could not find first log file name", error.Message, StringComparison.Ordinal);
        Assert.Contains("PURGE BINARY LOGS", error.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot", error.Message, StringComparison.Ordinal);
        Assert.Equal(1236, Assert.IsType<BinlogServerException>(error.InnerException).ErrorCode);
        Assert.Single(handler.Losses);
    }

    [Fact]
    public async Task Position_in_a_file_the_server_no_longer_lists_is_refused_before_the_dump()
    {
        await using var server = new FakeServer(async session =>
        {
            // The client's next command after its queries is COM_QUIT, not a registration or a dump.
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            Assert.Equal([0x01], accepted.Dump);
        });

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(Options(server, "binlog.000000:4"), new CommitTrackingHandler()).RunAsync()
                .WaitAsync(s_timeout));

        Assert.Contains("binlog.000001 to binlog.000002", error.Message, StringComparison.Ordinal);
        Assert.Contains("no longer has", error.Message, StringComparison.Ordinal);
        Assert.Equal("binlog.000000:4", error.RequestedStart);
        await server.Completion;
    }

    [Fact]
    public async Task Position_in_a_file_newer_than_the_servers_names_another_server_as_the_likely_cause()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            Assert.Equal([0x01], accepted.Dump);
        });

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(Options(server, "binlog.000009:4"), new CommitTrackingHandler()).RunAsync()
                .WaitAsync(s_timeout));

        Assert.Contains("has no binlog file binlog.000009", error.Message, StringComparison.Ordinal);
        Assert.Contains("another server", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Gtid_start_that_lacks_purged_transactions_is_refused_naming_gtid_purged()
    {
        await using var server = new FakeServer(async session =>
            await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables()));

        var error = await Assert.ThrowsAsync<BinlogPositionUnavailableException>(
            () => new ReplicationClient(Options(server, $"{FakeSource.Uuid}:5-50"), new CommitTrackingHandler())
                .RunAsync().WaitAsync(s_timeout));

        Assert.Contains("gtid_purged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_server_behind_the_address_stops_a_position_based_resume()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session,
                FakeSource.MySqlVariables(serverId: (uint)(1 + session.Index),
                    uuid: session.Index == 0 ? FakeSource.Uuid : "4a7e3b7f-0c2d-11ee-8c2a-0242ac120002"));
            if (session.Index == 0)
            {
                await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
                await session.ReadCommandAsync();
                await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
            }
        }, connections: 2);
        var options = Options(server, "binlog.000001:4");
        options.StopAtEnd = false;

        var error = await Assert.ThrowsAsync<BinlogServerChangedException>(
            () => new ReplicationClient(options, new CommitTrackingHandler()).RunAsync().WaitAsync(s_timeout));

        Assert.Contains("server_id 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("server_id 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_are_counted_followed_and_passed_to_the_handler()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            await session.ReadCommandAsync();
            await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
            await FakeSource.SendEventAsync(session, TestEvents.FormatDescriptionEvent(126, crc32: true));
            await FakeSource.SendEventAsync(session, TestEvents.HeartbeatEvent("binlog.000002", 777));
            await FakeSource.SendEofAsync(session);
        });
        var handler = new CommitTrackingHandler();
        var client = new ReplicationClient(Options(server, "binlog.000001:4"), handler);

        await client.RunAsync().WaitAsync(s_timeout);

        Assert.Equal([TestEvents.Rotate, TestEvents.FormatDescription, TestEvents.Heartbeat],
            handler.Events.Select(e => e[4]));
        Assert.Equal(1, client.Status.HeartbeatsReceived);
        Assert.Equal(2, client.Status.EventsReceived);
        Assert.Equal("binlog.000002", client.Status.File);
        Assert.Equal(777, client.Status.Position);
    }

    [Fact]
    public async Task Silent_connection_is_declared_dead_after_the_heartbeat_timeout_and_reopened()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            await session.ReadCommandAsync();
            await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
            if (session.Index == 0)
            {
                // Stall: the socket stays open, nothing more arrives until the client gives up on it.
                var read = await session.Stream.ReadAsync(new byte[1]);
                Assert.Equal(0, read);
                return;
            }

            await FakeSource.SendEofAsync(session);
        }, connections: 2);
        var handler = new CommitTrackingHandler();
        var options = Options(server, "binlog.000001:4");
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(100);
        options.HeartbeatTimeout = TimeSpan.FromMilliseconds(400);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await new ReplicationClient(options, handler).RunAsync().WaitAsync(s_timeout);

        var loss = Assert.IsType<BinlogConnectionException>(Assert.Single(handler.Losses));
        Assert.True(loss.IsTimeout);
        Assert.Contains("No event or heartbeat", loss.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.Equal(2, handler.Starts.Count);
    }

    [Fact]
    public async Task Handler_blocking_longer_than_the_heartbeat_timeout_does_not_count_as_silence()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            await session.ReadCommandAsync();
            await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
            for (var i = 0; i < 15; i++)
            {
                await FakeSource.SendEventAsync(session, TestEvents.HeartbeatEvent("binlog.000001", 4));
                await Task.Delay(100);
            }

            await FakeSource.SendEofAsync(session);
        });
        // The handler blocks three times as long as the timeout; the timeout itself leaves room for a busy machine
        // between heartbeats sent every 100 ms, so only a clock that counts handler time could trip it.
        var handler = new CommitTrackingHandler { BlockOnFirstEvent = TimeSpan.FromSeconds(3) };
        var options = Options(server, "binlog.000001:4");
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(100);
        options.HeartbeatTimeout = TimeSpan.FromSeconds(1);
        var client = new ReplicationClient(options, handler);

        await client.RunAsync().WaitAsync(s_timeout);

        Assert.Empty(handler.Losses);
        Assert.Equal(15, client.Status.HeartbeatsReceived);
    }

    [Fact]
    public async Task Handler_exception_ends_the_run_unchanged()
    {
        await using var server = new FakeServer(async session =>
        {
            var accepted = await FakeSource.AcceptAsync(session, FakeSource.MySqlVariables());
            await FakeSource.AcceptRegistrationAsync(session, accepted.Dump);
            await session.ReadCommandAsync();
            await FakeSource.SendEventAsync(session, TestEvents.RotateTo("binlog.000001", 4));
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => new ReplicationClient(Options(server, "binlog.000001:4"), new ThrowingHandler()).RunAsync()
                .WaitAsync(s_timeout));

        Assert.Equal("downstream refused", error.Message);
    }

    internal static ReplicationOptions Options(FakeServer server, string start) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        User = "repl",
        Password = "secret",
        ServerId = 4201,
        Start = start,
        TlsMode = TlsMode.Disabled,
        StopAtEnd = true,
        HeartbeatPeriod = TimeSpan.FromSeconds(1),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectAttempts = 3,
    };

    private sealed class ThrowingHandler : IBinlogEventHandler
    {
        public void OnEvent(ReadOnlySpan<byte> eventBytes) => throw new InvalidDataException("downstream refused");

        public ResumePoint? GetResumePoint() => null;

        public void OnConnectionLost(Exception reason)
        {
        }
    }
}
