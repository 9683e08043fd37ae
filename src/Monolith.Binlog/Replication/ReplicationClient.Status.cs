namespace Monolith.Binlog.Replication;

public sealed partial class ReplicationClient
{
    private readonly StatusRecorder _status = new();

    /// <summary>
    /// The client's progress. The reading loop is the only writer; readers on other threads may see a field a
    /// moment older than another, which a status page does not mind.
    /// </summary>
    private sealed class StatusRecorder
    {
        private volatile ReplicationState _state = ReplicationState.Idle;
        private volatile ServerInfo? _server;
        private volatile string? _file;
        private volatile string? _lastError;
        private long _position;
        private long _events;
        private long _bytes;
        private long _heartbeats;
        private long _lastEventTimestamp;
        private long _lastReceivedAtTicks;
        private int _connectionsLost;

        public string? File => _file;

        public long Position => Volatile.Read(ref _position);

        public void SetState(ReplicationState state) => _state = state;

        public void SetServer(ServerInfo server) => _server = server;

        public void SetFile(string file) => _file = file;

        public void SetPosition(long position) => Volatile.Write(ref _position, position);

        public void EventReceived(int length, uint timestamp, DateTimeOffset now)
        {
            Volatile.Write(ref _events, _events + 1);
            Volatile.Write(ref _bytes, _bytes + length);
            if (timestamp != 0)
            {
                Volatile.Write(ref _lastEventTimestamp, timestamp);
            }

            Volatile.Write(ref _lastReceivedAtTicks, now.UtcTicks);
        }

        public void HeartbeatReceived(DateTimeOffset now)
        {
            Volatile.Write(ref _heartbeats, _heartbeats + 1);
            Volatile.Write(ref _lastReceivedAtTicks, now.UtcTicks);
        }

        public void ConnectionLost(Exception reason)
        {
            Interlocked.Increment(ref _connectionsLost);
            _lastError = reason.Message;
        }

        public void Fail(Exception reason)
        {
            _lastError = reason.Message;
            _state = ReplicationState.Failed;
        }

        public ReplicationStatus Snapshot()
        {
            var timestamp = Volatile.Read(ref _lastEventTimestamp);
            var received = Volatile.Read(ref _lastReceivedAtTicks);
            return new ReplicationStatus(
                _state,
                _server,
                _file,
                Volatile.Read(ref _position),
                Volatile.Read(ref _events),
                Volatile.Read(ref _bytes),
                Volatile.Read(ref _heartbeats),
                timestamp == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(timestamp),
                received == 0 ? null : new DateTimeOffset(received, TimeSpan.Zero),
                Volatile.Read(ref _connectionsLost),
                _lastError);
        }
    }
}
