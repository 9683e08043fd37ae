using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog.Events;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

public sealed partial class ReplicationClient
{
    private const int EventHeaderLength = 19;
    private const byte EventPacketMarker = 0x00;
    private const byte ChecksumCrc32 = 1;

    private async Task StreamAsync(ServerConnection connection, ServerInfo server, ReplicationStart start,
        SessionProgress session, CancellationToken cancellationToken)
    {
        var reader = new StreamReaderState(this, server);
        var watchdog = new Watchdog(this, connection, reader);
        await using var timer = _time.CreateTimer(static state => ((Watchdog)state!).Check(), watchdog,
            watchdog.Interval, watchdog.Interval);
        _status.SetState(ReplicationState.Streaming);

        var channel = connection.Channel;
        while (true)
        {
            var packet = await channel.ReadPacketAsync(_time, cancellationToken);
            reader.PacketArrived();
            var payload = packet.Span;
            switch (payload[0])
            {
                case EventPacketMarker:
                    var eventBytes = payload[1..];
                    if (!reader.Track(eventBytes))
                    {
                        session.ReceivedEvents = true;
                    }

                    Deliver(eventBytes);
                    break;
                case ErrorPacket.Header:
                    throw DumpError(ErrorPacket.Parse(payload), start,
                        session.ReceivedEvents ? reader.Describe() : null);
                case EofPacket.Header when payload.Length < PacketFramer.MaxChunkLength:
                    return;
                default:
                    throw new BinlogProtocolException(
                        $"In the binlog stream of {_options.Endpoint} at {reader.Describe()} a packet starts with " +
                        $"0x{payload[0]:X2}; event packets start with 0x00.");
            }
        }
    }

    private void Deliver(ReadOnlySpan<byte> eventBytes)
    {
        try
        {
            _handler.OnEvent(eventBytes);
        }
        catch (Exception exception)
        {
            throw new HandlerFailure(exception);
        }
    }

    private BinlogException DumpError(ErrorPacket error, ReplicationStart start, string? reached)
    {
        var where = reached is null ? start.ToString() : $"{reached} (the stream started at {start})";
        var serverError = error.ToException($"Reading the binlog of {_options.Endpoint} from {where}");
        if (error.Code != 1236)
        {
            return serverError;
        }

        var message = error.Message;
        string advice;
        if (message.Contains("same server_uuid", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("same server_id", StringComparison.OrdinalIgnoreCase))
        {
            return new BinlogServerSettingsException(_options.Endpoint,
            [
                new ServerSettingProblem(ServerSettingSeverity.Error, "server_id",
                    $"Another replica connected with ServerId {_options.ServerId} and the server dropped this one " +
                    $"({message}). Give each replica its own ServerId."),
            ]);
        }

        if (message.Contains("purged", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("could not find first log", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("could not find next log", StringComparison.OrdinalIgnoreCase))
        {
            advice = PurgedAdvice;
        }
        else if (message.Contains("impossible position", StringComparison.OrdinalIgnoreCase))
        {
            advice = "The offset is not the start of an event in that file, or lies beyond its end. Resume only " +
                "from positions the stream reported as the end of a committed transaction.";
        }
        else if (message.Contains("GTID", StringComparison.OrdinalIgnoreCase))
        {
            advice = "The server's binlog does not hold the requested GTIDs: they were purged, or the replica is " +
                "ahead of this server (another server, or one restored from a backup). Check which server this is; " +
                "otherwise take a new snapshot.";
        }
        else
        {
            return serverError;
        }

        return new BinlogPositionUnavailableException(
            $"The server {_options.Endpoint} cannot stream the binlog from {where}: {message} (error 1236). {advice}",
            start.ToString(), serverError);
    }

    /// <summary>
    /// Follows the stream as far as the client needs: the current file (ROTATE, heartbeats), the offset, and
    /// whether events carry a checksum (FORMAT_DESCRIPTION). Event bodies are the handler's business.
    /// </summary>
    private sealed class StreamReaderState(ReplicationClient client, ServerInfo server)
    {
        // Until a FORMAT_DESCRIPTION says otherwise, events carry the checksum negotiated for the session.
        private int _checksumLength = server.BinlogChecksum.Equals("CRC32", StringComparison.OrdinalIgnoreCase)
            ? 4
            : 0;

        private long _firstPacketTimestamp;

        public bool FirstPacketArrived => Volatile.Read(ref _firstPacketTimestamp) != 0;

        public void PacketArrived()
        {
            if (_firstPacketTimestamp == 0)
            {
                Volatile.Write(ref _firstPacketTimestamp, Math.Max(1, client._time.GetTimestamp()));
            }
        }

        public string Describe() => $"{client._status.File ?? "(no file yet)"}:{client._status.Position}";

        /// <summary>Updates file and offset from an event; true for a heartbeat.</summary>
        public bool Track(ReadOnlySpan<byte> eventBytes)
        {
            if (eventBytes.Length < EventHeaderLength)
            {
                throw new BinlogFormatException(
                    $"An event of {eventBytes.Length} bytes arrived from {client._options.Endpoint} at {Describe()}; " +
                    $"every event has a {EventHeaderLength}-byte header.");
            }

            var timestamp = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes);
            var type = (BinlogEventType)eventBytes[4];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[9..]);
            var nextPosition = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[13..]);
            if (length != (uint)eventBytes.Length)
            {
                throw new BinlogFormatException(
                    $"An event of type {(byte)type} from {client._options.Endpoint} at {Describe()} announces " +
                    $"{length} bytes but its packet holds {eventBytes.Length}.");
            }

            var now = client._time.GetUtcNow();
            switch (type)
            {
                case BinlogEventType.Heartbeat:
                    var name = Body(eventBytes);
                    if (name.Length > 0)
                    {
                        client._status.SetFile(Encoding.UTF8.GetString(name));
                    }

                    if (nextPosition != 0)
                    {
                        client._status.SetPosition(nextPosition);
                    }

                    client._status.HeartbeatReceived(now);
                    return true;
                case BinlogEventType.HeartbeatV2:
                    client._status.HeartbeatReceived(now);
                    return true;
                case BinlogEventType.Rotate:
                    TrackRotate(eventBytes);
                    break;
                case BinlogEventType.FormatDescription:
                    // The algorithm byte precedes the 4-byte checksum field at the end of the event (which is
                    // present even when the algorithm is NONE).
                    _checksumLength = eventBytes.Length >= EventHeaderLength + 5 &&
                        eventBytes[^5] == ChecksumCrc32 ? 4 : 0;
                    if (nextPosition != 0)
                    {
                        client._status.SetPosition(nextPosition);
                    }

                    break;
                default:
                    if (nextPosition != 0)
                    {
                        client._status.SetPosition(nextPosition);
                    }

                    break;
            }

            client._status.EventReceived(eventBytes.Length, timestamp, now);
            return false;
        }

        private void TrackRotate(ReadOnlySpan<byte> eventBytes)
        {
            var body = Body(eventBytes);
            if (body.Length <= 8)
            {
                throw new BinlogFormatException(
                    $"A ROTATE event from {client._options.Endpoint} at {Describe()} has a {body.Length}-byte " +
                    "body; it needs an 8-byte position and a file name.");
            }

            var position = BinaryPrimitives.ReadInt64LittleEndian(body);
            var file = Encoding.UTF8.GetString(body[8..]);
            if (file != client._status.File)
            {
                ReplicationLog.Rotated(client._logger, client._options.Endpoint, file);
            }

            client._status.SetFile(file);
            client._status.SetPosition(position);
        }

        private ReadOnlySpan<byte> Body(ReadOnlySpan<byte> eventBytes) =>
            eventBytes.Length - _checksumLength >= EventHeaderLength
                ? eventBytes[EventHeaderLength..^_checksumLength]
                : [];
    }

    /// <summary>
    /// Declares the connection dead when a read has waited longer than the heartbeat timeout. Time the handler
    /// spends blocking (backpressure) is not waiting on the network and does not count.
    /// </summary>
    private sealed class Watchdog(ReplicationClient client, ServerConnection connection, StreamReaderState reader)
    {
        private readonly TimeSpan _timeout = client._options.EffectiveHeartbeatTimeout;

        // Before its first packet the server may still be looking for the start (a GTID start scans binlog
        // files), which the query timeout bounds rather than the heartbeat.
        private readonly TimeSpan _firstPacketTimeout = client._options.EffectiveHeartbeatTimeout
            + client._options.ReadTimeout;

        private int _fired;

        public TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(10, _timeout.TotalMilliseconds / 4));

        public void Check()
        {
            var since = connection.Channel.WaitingSinceTimestamp;
            if (since == 0 || Volatile.Read(ref _fired) != 0)
            {
                return;
            }

            var silence = client._time.GetElapsedTime(since);
            var allowed = reader.FirstPacketArrived ? _timeout : _firstPacketTimeout;
            if (silence <= allowed || Interlocked.Exchange(ref _fired, 1) != 0)
            {
                return;
            }

            ReplicationLog.ConnectionSilent(client._logger, client._options.Endpoint, silence,
                client._options.HeartbeatPeriod);
            connection.Abort($"No event or heartbeat from {client._options.Endpoint} for {silence:g} (heartbeat " +
                $"period {client._options.HeartbeatPeriod:g}): the connection is considered dead.");
        }
    }
}
