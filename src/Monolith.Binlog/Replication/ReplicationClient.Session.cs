using System.Globalization;
using System.Text;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

public sealed partial class ReplicationClient
{
    private const ushort DumpNonBlocking = 0x01;
    private const ushort DumpSendAnnotateRows = 0x02;
    private const ushort DumpThroughGtid = 0x04;

    // MARIA_SLAVE_CAPABILITY_GTID: the replica understands GTID events, so the server sends them as they are
    // written instead of rewriting them into BEGIN queries for old replicas.
    private const int MariaDbGtidCapability = 4;

    private async Task RunSessionAsync(SessionProgress session, bool isReconnection,
        CancellationToken cancellationToken)
    {
        await using var connection = await ServerConnection.OpenAsync(_options, _logger, _time, cancellationToken);
        var server = await ServerInfo.QueryAsync(connection, cancellationToken);
        _status.SetServer(server);
        CheckServer(server, isReconnection, connection.IsEncrypted);

        var start = await ResolveStartAsync(connection, server, cancellationToken);
        CheckStartIsAvailable(server, start);
        await PrepareSessionAsync(connection, server, start, cancellationToken);
        await SendDumpAsync(connection, server, start, cancellationToken);
        _previousServer = server;

        ReplicationLog.StreamStarted(_logger, _options.Endpoint, start, isReconnection ? " (resumed)" : "");
        session.StreamStarted = true;
        CallHandler(() => _handler.OnStreamStarted(new ReplicationStreamStart(server, start, isReconnection)));
        await StreamAsync(connection, server, start, session, cancellationToken);
    }

    private void CheckServer(ServerInfo server, bool isReconnection, bool isEncrypted)
    {
        var problems = server.Validate(_options.ServerId, _configuredStart);
        var fatal = problems.Where(problem => problem.Severity == ServerSettingSeverity.Error &&
            problem.Setting is "log_bin" or "binlog_format" or "server_id" or "Start" or "gtid_mode").ToList();
        if (fatal.Count > 0)
        {
            throw new BinlogServerSettingsException(_options.Endpoint, fatal);
        }

        if (!isReconnection)
        {
            ReplicationLog.Connected(_logger, _options.Endpoint, server.Version, server.ServerId, server.BinlogFormat,
                server.BinlogRowImage, server.BinlogChecksum, _options.User, _options.ServerId,
                isEncrypted ? "over TLS" : "unencrypted");
            foreach (var problem in problems)
            {
                ReplicationLog.SettingProblem(_logger, _options.Endpoint, problem);
            }
        }

        if (_previousServer is { } previous &&
            (previous.ServerId != server.ServerId || previous.ServerUuid != server.ServerUuid))
        {
            var before = Identity(previous);
            var after = Identity(server);
            if (!_resumeByGtid)
            {
                throw new BinlogServerChangedException(
                    $"After reconnecting, {_options.Endpoint} is another server ({before} before, {after} now), " +
                    "while replication resumes by binlog file and offset, which mean nothing in another server's " +
                    "binlog. Start from a GTID position to follow a fail-over, or take a new snapshot.");
            }

            ReplicationLog.ServerChangedResumingByGtid(_logger, _options.Endpoint, before, after);
        }
    }

    private static string Identity(ServerInfo server) =>
        server.ServerUuid is { } uuid ? $"server_id {server.ServerId}, uuid {uuid}" : $"server_id {server.ServerId}";

    private async Task<ReplicationStart> ResolveStartAsync(ServerConnection connection, ServerInfo server,
        CancellationToken cancellationToken)
    {
        var resumePoint = CallHandler(_handler.GetResumePoint);
        if (resumePoint is not null)
        {
            return ReplicationStart.From(resumePoint,
                preferGtids: _resumeByGtid && resumePoint.Gtids?.Flavor == server.Flavor);
        }

        if (_resolvedStart is not null)
        {
            return _resolvedStart;
        }

        _resolvedStart = _configuredStart.Kind switch
        {
            ReplicationStartKind.Earliest => ReplicationStart.At(new BinlogPosition(
                server.BinaryLogs is { Count: > 0 } logs
                    ? logs[0].Name
                    : throw new BinlogServerException(0, "", "SHOW BINARY LOGS listed no file",
                        $"Finding the oldest binlog of {_options.Endpoint}"),
                BinlogPosition.FirstEventOffset)),
            ReplicationStartKind.Latest => ReplicationStart.At(await ReadCurrentPositionAsync(connection, server,
                cancellationToken)),
            _ => _configuredStart,
        };
        return _resolvedStart;
    }

    private async Task<BinlogPosition> ReadCurrentPositionAsync(ServerConnection connection, ServerInfo server,
        CancellationToken cancellationToken)
    {
        // MySQL 8.2 renamed SHOW MASTER STATUS, and 8.4 removed the old name.
        var statement = server.Flavor == ServerFlavor.MySql && server.Version.IsAtLeast(8, 2)
            ? "SHOW BINARY LOG STATUS"
            : "SHOW MASTER STATUS";
        var result = await connection.QueryAsync(statement, cancellationToken);
        if (result.Rows.Count == 0 || result.Rows[0][0] is not { Length: > 0 } file ||
            !long.TryParse(result.Rows[0][1], CultureInfo.InvariantCulture, out var position))
        {
            throw new BinlogServerException(0, "", $"{statement} returned no binlog file",
                $"Finding the current binlog position of {_options.Endpoint}");
        }

        return new BinlogPosition(file, position);
    }

    private void CheckStartIsAvailable(ServerInfo server, ReplicationStart start)
    {
        if (start.Kind == ReplicationStartKind.Position && server.BinaryLogs is { Count: > 0 } logs &&
            !logs.Any(log => log.Name == start.Position!.Value.File))
        {
            var range = logs.Count == 1 ? $"its only binlog is {logs[0].Name}"
                : $"its binlogs are {logs[0].Name} to {logs[^1].Name}";
            throw new BinlogPositionUnavailableException(
                IsAfter(start.Position!.Value.File, logs[^1].Name)
                    ? $"The server {_options.Endpoint} has no binlog file {start.Position.Value.File} ({range}); the " +
                      "position belongs to another server, or to this one before RESET MASTER."
                    : $"The server {_options.Endpoint} no longer has the binlog file of {start} ({range}). " +
                      PurgedAdvice,
                start.ToString());
        }

        if (start.Gtids is MySqlGtidSet requested && server.PurgedGtids is { IsEmpty: false } purged &&
            !purged.IsSubsetOf(requested))
        {
            throw new BinlogPositionUnavailableException(
                $"The server {_options.Endpoint} has purged binlogs holding transactions that the start {requested} " +
                $"does not include (gtid_purged is {purged}). {PurgedAdvice}", start.ToString());
        }

        if (start.Kind == ReplicationStartKind.Position && start.Position!.Value.Offset > uint.MaxValue)
        {
            throw new BinlogPositionUnavailableException(
                $"The offset of {start} is beyond 4 GiB, which COM_BINLOG_DUMP cannot ask for.", start.ToString());
        }
    }

    /// <summary>Whether binlog file <paramref name="file"/> comes after <paramref name="last"/> in sequence.</summary>
    private static bool IsAfter(string file, string last)
    {
        var fileDot = file.LastIndexOf('.');
        var lastDot = last.LastIndexOf('.');
        return fileDot > 0 && lastDot > 0 && file[..fileDot] == last[..lastDot] &&
            long.TryParse(file[(fileDot + 1)..], CultureInfo.InvariantCulture, out var fileNumber) &&
            long.TryParse(last[(lastDot + 1)..], CultureInfo.InvariantCulture, out var lastNumber) &&
            fileNumber > lastNumber;
    }

    private const string PurgedAdvice =
        "The binlog was removed (PURGE BINARY LOGS, or binlog_expire_logs_seconds / expire_logs_days elapsed), so " +
        "the changes since that point can no longer be read. Take a new snapshot, or remove the checkpoint and " +
        "set Start to 'earliest' (accepting the gap) or 'latest'.";

    private async Task PrepareSessionAsync(ServerConnection connection, ServerInfo server, ReplicationStart start,
        CancellationToken cancellationToken)
    {
        var heartbeatNanoseconds = ((long)_options.HeartbeatPeriod.TotalMilliseconds * 1_000_000L)
            .ToString(CultureInfo.InvariantCulture);
        var assignments = new List<string>
        {
            // Events are sent with the checksums they were written with; without this a server that writes
            // them would refuse a replica that does not say it understands them.
            "@master_binlog_checksum = @@global.binlog_checksum",
            $"@master_heartbeat_period = {heartbeatNanoseconds}",
        };
        if (server.Flavor == ServerFlavor.MySql)
        {
            // MySQL 8.0.26 reads the new names first; older versions ignore them.
            assignments.Add("@source_binlog_checksum = @@global.binlog_checksum");
            assignments.Add($"@source_heartbeat_period = {heartbeatNanoseconds}");
        }
        else
        {
            assignments.Add($"@mariadb_slave_capability = {MariaDbGtidCapability}");
            if (start.Gtids is MariaDbGtidPosition position)
            {
                // The text holds only digits, dashes and commas: it was parsed, not copied from input.
                assignments.Add($"@slave_connect_state = '{position}'");
                assignments.Add($"@slave_gtid_strict_mode = {(_options.GtidStrictMode ? 1 : 0)}");
                assignments.Add($"@slave_gtid_ignore_duplicates = {(_options.GtidIgnoreDuplicates ? 1 : 0)}");
            }
        }

        await connection.ExecuteAsync("SET " + string.Join(", ", assignments), cancellationToken);

        var register = new PayloadWriter();
        var host = Truncate(_options.ReportHost ?? Environment.MachineName, 60);
        register.WriteByte((byte)CommandCode.RegisterSlave).WriteUInt32(_options.ServerId);
        register.WriteByte((byte)Encoding.UTF8.GetByteCount(host)).WriteString(host);
        register.WriteByte(0).WriteByte(0);
        register.WriteUInt16(0).WriteUInt32(0).WriteUInt32(0);
        await connection.SendCommandAsync(register.WrittenMemory, cancellationToken);
        await connection.ReadOkAsync($"Registering as replica {_options.ServerId} with {_options.Endpoint}",
            cancellationToken);
    }

    private async Task SendDumpAsync(ServerConnection connection, ServerInfo server, ReplicationStart start,
        CancellationToken cancellationToken)
    {
        var flags = (ushort)(_options.StopAtEnd ? DumpNonBlocking : 0);
        var dump = new PayloadWriter();
        if (start.Gtids is MySqlGtidSet gtids)
        {
            var encoded = gtids.Encode();
            dump.WriteByte((byte)CommandCode.BinlogDumpGtid).WriteUInt16((ushort)(flags | DumpThroughGtid))
                .WriteUInt32(_options.ServerId)
                .WriteUInt32(0)
                .WriteUInt64(BinlogPosition.FirstEventOffset)
                .WriteUInt32((uint)encoded.Length).WriteBytes(encoded);
        }
        else
        {
            if (server.Flavor == ServerFlavor.MariaDb && _options.RequestAnnotateRows)
            {
                flags |= DumpSendAnnotateRows;
            }

            // A MariaDB GTID start has set @slave_connect_state; the server ignores file and offset then.
            var position = start.Position ?? new BinlogPosition("", BinlogPosition.FirstEventOffset);
            dump.WriteByte((byte)CommandCode.BinlogDump).WriteUInt32((uint)position.Offset).WriteUInt16(flags)
                .WriteUInt32(_options.ServerId).WriteString(position.File);
        }

        await connection.SendCommandAsync(dump.WrittenMemory, cancellationToken);
    }

    private static string Truncate(string text, int maxBytes)
    {
        while (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            text = text[..^1];
        }

        return text;
    }

    private T CallHandler<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception)
        {
            throw new HandlerFailure(exception);
        }
    }

    private void CallHandler(Action call)
    {
        try
        {
            call();
        }
        catch (Exception exception)
        {
            throw new HandlerFailure(exception);
        }
    }
}
