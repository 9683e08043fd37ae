using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// One authenticated connection to a MySQL or MariaDB server, speaking the client/server protocol itself:
/// handshake, TLS, authentication, text queries, and the raw packet access the replication stream needs.
/// Not thread-safe; one conversation at a time.
/// </summary>
public sealed partial class ServerConnection : IAsyncDisposable
{
    private readonly ConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PacketChannel _channel;
    private InitialHandshake _handshake = null!;
    private bool _broken;
    private bool _disposed;

    private ServerConnection(ConnectionOptions options, PacketChannel channel, ILogger logger, TimeProvider time)
    {
        _options = options;
        _channel = channel;
        _logger = logger;
        _time = time;
    }

    /// <summary>The server's version and flavour, from its handshake.</summary>
    public ServerVersion ServerVersion => _handshake.Version;

    /// <summary>The server's id for this connection (<c>CONNECTION_ID()</c>).</summary>
    public uint ConnectionId => _handshake.ConnectionId;

    /// <summary>What the server announced it can do.</summary>
    public CapabilityFlags ServerCapabilities => _handshake.Capabilities;

    /// <summary>What client and server agreed on.</summary>
    public CapabilityFlags Capabilities { get; private set; }

    /// <summary>Whether the connection runs over TLS.</summary>
    public bool IsEncrypted { get; private set; }

    /// <summary>The authentication method that let the user in, for example <c>mysql_native_password</c>.</summary>
    public string AuthenticationMethod { get; private set; } = "";

    /// <summary>The options this connection was opened with.</summary>
    public ConnectionOptions Options => _options;

    /// <summary>Whether the connection can no longer be used: a timeout or an error left it mid-conversation.</summary>
    public bool IsBroken => _broken || _disposed;

    internal PacketChannel Channel => _channel;

    internal TimeProvider Time => _time;

    /// <summary>Opens and authenticates a connection.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="BinlogConnectionException">The server cannot be reached, or did not answer in time.</exception>
    /// <exception cref="BinlogAuthenticationException">The server refused the user, or wants a method this
    /// client does not perform.</exception>
    /// <exception cref="BinlogTlsException">TLS is required but unavailable, or the certificate is refused.</exception>
    /// <exception cref="BinlogServerException">
    /// The server answered with an error (too many connections, ...).</exception>
    public static Task<ServerConnection> OpenAsync(ConnectionOptions options, ILogger? logger = null,
        CancellationToken cancellationToken = default) =>
        OpenAsync(options, logger, TimeProvider.System, cancellationToken);

    internal static async Task<ServerConnection> OpenAsync(ConnectionOptions options, ILogger? logger,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = await ConnectSocketAsync(options, timeout.Token, cancellationToken);
        var channel = new PacketChannel(new NetworkStream(socket, ownsSocket: true), options.Endpoint,
            options.MaxPacketSize);
        var connection = new ServerConnection(options, channel, logger, time);
        try
        {
            await connection.HandshakeAsync(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            connection._broken = true;
            await connection.DisposeAsync();
            throw new BinlogConnectionException(
                $"The server {options.Endpoint} did not complete the handshake within {options.ConnectTimeout}.",
                exception, isTimeout: true);
        }
        catch
        {
            // A handshake that failed leaves nothing to say goodbye to.
            connection._broken = true;
            await connection.DisposeAsync();
            throw;
        }

        ProtocolLog.Connected(logger, options.Endpoint, connection.ServerVersion, connection.ConnectionId,
            options.User, connection.AuthenticationMethod, connection.IsEncrypted ? "TLS" : "unencrypted");
        return connection;
    }

    /// <summary>Sends COM_QUIT when the connection is still usable, then closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_broken && _handshake is not null)
        {
            try
            {
                using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                _channel.ResetSequence();
                await _channel.WritePacketAsync(new[] { (byte)CommandCode.Quit }, quitTimeout.Token);
            }
            catch (Exception exception) when (exception is BinlogException or OperationCanceledException
                or IOException or ObjectDisposedException)
            {
                // The server learns of the close from the socket anyway.
            }
        }

        _disposed = true;
        await _channel.DisposeAsync();
    }

    /// <summary>Marks the connection unusable and closes its socket, from any thread.</summary>
    internal void Abort(string reason)
    {
        _broken = true;
        _channel.Abort(reason);
    }

    private static async Task<Socket> ConnectSocketAsync(ConnectionOptions options, CancellationToken timeoutToken,
        CancellationToken callerToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, timeoutToken);
            return socket;
        }
        catch (OperationCanceledException exception) when (!callerToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new BinlogConnectionException(
                $"Cannot connect to {options.Endpoint}: no answer within {options.ConnectTimeout}.", exception,
                isTimeout: true);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new BinlogConnectionException($"Cannot connect to {options.Endpoint}: {exception.Message}",
                exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken)
        {
            throw new BinlogConnectionException(
                $"The connection to {_options.Endpoint} was broken by an earlier failure; open a new one.");
        }
    }
}
