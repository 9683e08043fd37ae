using System.Net;
using System.Net.Sockets;

namespace Monolith.Binlog.Tests.Protocol;

/// <summary>
/// A tiny in-process server that speaks just enough of the MySQL protocol for one scripted conversation. It
/// stands in for the MySQL-only paths (caching_sha2_password, sha256_password, COM_BINLOG_DUMP_GTID), since no
/// MySQL server can be installed from Debian's packages here. Each script writes the packets a MySQL 8 server
/// sends, constructed from the protocol documentation, and checks what the client sends back.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    public FakeServer(Func<FakeServerSession, Task> script, int connections = 1)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Completion = RunAsync(script, connections);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when every scripted connection has run; faults with the script's failure.</summary>
    public Task Completion { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await Completion.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException
            or ObjectDisposedException or IOException or TimeoutException)
        {
            // The test already has its outcome; a script cut short by the stop is expected here.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(Func<FakeServerSession, Task> script, int connections)
    {
        for (var i = 0; i < connections; i++)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var session = new FakeServerSession(client.GetStream(), i);
            await script(session);
        }
    }
}
