using System.Net;
using System.Net.Sockets;

namespace Monolith.IntegrationTests.Replication;

/// <summary>
/// A TCP proxy between a client and a server that a test controls: it forwards bytes both ways and, on
/// request, cuts connections after a number of server bytes (fixed or drawn at random per connection), cuts
/// all connections at once, or stalls the connections open now (they stay open, nothing more is forwarded).
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];
    private readonly Task _accepting;
    private readonly object _gate = new();
    private Func<long>? _cutPoint;
    private int _connections;
    private int _cuts;

    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections cut by the proxy so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>
    /// Cuts each connection, the current ones included, after a number of server-to-client bytes drawn
    /// between <paramref name="minBytes"/> and <paramref name="maxBytes"/>; half the cuts close gracefully,
    /// half reset. Null stops cutting new connections.
    /// </summary>
    public void CutAtRandom(Random random, long minBytes, long maxBytes)
    {
        lock (_gate)
        {
            _cutPoint = () => random.NextInt64(minBytes, maxBytes);
            foreach (var link in _links)
            {
                link.CutAfter(_cutPoint());
            }
        }
    }

    /// <summary>Forwards new connections in full from now on.</summary>
    public void StopCutting()
    {
        lock (_gate)
        {
            _cutPoint = null;
            foreach (var link in _links)
            {
                link.CutAfter(long.MaxValue);
            }
        }
    }

    /// <summary>Stops forwarding on every open connection, leaving it open; new connections flow normally.</summary>
    public void StallOpenConnections()
    {
        lock (_gate)
        {
            foreach (var link in _links)
            {
                link.Stall();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var link in _links)
            {
                link.Close(reset: true);
            }
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Close(0);
                server.Dispose();
                continue;
            }

            var link = new Link(client, server, () => Interlocked.Increment(ref _cuts));
            lock (_gate)
            {
                _links.RemoveAll(l => l.IsClosed);
                _links.Add(link);
                if (_cutPoint is not null)
                {
                    link.CutAfter(_cutPoint());
                }
            }

            link.Start();
        }
    }

    /// <summary>One proxied connection: two pumps and the cut and stall controls.</summary>
    private sealed class Link(Socket client, Socket server, Action counted)
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _budget = long.MaxValue;
        private int _closed;
        private bool _isStalled;

        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        public void CutAfter(long bytes) => Interlocked.Exchange(ref _budget, bytes);

        public void Stall() => Volatile.Write(ref _isStalled, true);

        public void Start()
        {
            _ = PumpAsync(server, client, limited: true);
            _ = PumpAsync(client, server, limited: false);
        }

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            _stalled.TrySetResult();
            foreach (var socket in new[] { client, server })
            {
                try
                {
                    if (reset)
                    {
                        socket.Close(0);
                    }
                    else
                    {
                        socket.Shutdown(SocketShutdown.Both);
                        socket.Close();
                    }
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    // Already closed from the other side.
                }
            }
        }

        private async Task PumpAsync(Socket from, Socket to, bool limited)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (!IsClosed)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0 || IsClosed)
                    {
                        break;
                    }

                    if (Volatile.Read(ref _isStalled))
                    {
                        // Hold the connection open, forwarding nothing, until the test ends it.
                        await _stalled.Task;
                        break;
                    }

                    var count = read;
                    var cut = false;
                    if (limited)
                    {
                        var budget = Interlocked.Read(ref _budget);
                        if (budget < read)
                        {
                            count = (int)Math.Max(0, budget);
                            cut = true;
                        }

                        Interlocked.Add(ref _budget, -count);
                    }

                    if (count > 0)
                    {
                        await to.SendAsync(buffer.AsMemory(0, count), SocketFlags.None);
                    }

                    if (cut)
                    {
                        counted();
                        Close(reset: Random.Shared.Next(2) == 0);
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // The other side went away; closing both ends follows.
            }

            Close(reset: false);
        }
    }
}
