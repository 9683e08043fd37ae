using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// A replica of a MySQL or MariaDB server: connects, asks for the binlog stream, hands every event to an
/// <see cref="IBinlogEventHandler"/> on its reading loop, and keeps the stream going across lost connections,
/// resuming where the handler's last committed transaction ended.
/// </summary>
/// <remarks>
/// <code>
///   RunAsync ──▶ connect ─▶ check server ─▶ SET checksum/heartbeat ─▶ REGISTER_SLAVE ─▶ BINLOG_DUMP[_GTID]
///      ▲                                                                                      │
///      │ backoff with jitter                      every event ─▶ handler.OnEvent (may block)  ▼
///      └──────── handler.OnConnectionLost ◀── lost / silent / server error ◀────────── read packets
/// </code>
/// </remarks>
public sealed partial class ReplicationClient
{
    private readonly ReplicationOptions _options;
    private readonly IBinlogEventHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ReplicationStart _configuredStart;
    private readonly bool _resumeByGtid;
    private int _running;

    // The start used when the handler has no resume point yet: earliest/latest are resolved once, at the first
    // connection, so that a reconnection before the first commit does not jump to a newer "latest".
    private ReplicationStart? _resolvedStart;
    private ServerInfo? _previousServer;

    /// <summary>Creates a client; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ReplicationClient(ReplicationOptions options, IBinlogEventHandler handler, ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _configuredStart = options.ParseStart();
        _resumeByGtid = _configuredStart.IsGtid;
    }

    /// <summary>A snapshot of what the client is doing, safe to take from any thread.</summary>
    public ReplicationStatus Status => _status.Snapshot();

    /// <summary>
    /// Replicates until <paramref name="cancellationToken"/> is cancelled, the end of the binlog is reached with
    /// <see cref="ReplicationOptions.StopAtEnd"/>, or an error occurs that reconnecting cannot fix. Lost
    /// connections, silent servers and transient server errors are retried with exponential backoff.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="BinlogAuthenticationException">The server refuses the user.</exception>
    /// <exception cref="BinlogTlsException">TLS is required and cannot be set up.</exception>
    /// <exception cref="BinlogPositionUnavailableException">The start or resume point is no longer on the server
    /// (purged), is not an event boundary, or its GTIDs are not in the server's binlog.</exception>
    /// <exception cref="BinlogServerChangedException">A reconnection reached another server while resuming by
    /// file and offset.</exception>
    /// <exception cref="BinlogServerSettingsException">The server writes no binlog, or not in ROW format, or uses
    /// the replica's server id.</exception>
    /// <exception cref="BinlogServerException">Another error the server reports that retrying does not fix.</exception>
    /// <exception cref="BinlogConnectionException">MaxReconnectAttempts failed attempts in a row.</exception>
    /// <exception cref="InvalidOperationException">The client is already running.</exception>
    /// <remarks>Exceptions thrown by the handler end the run and propagate unchanged.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("This replication client is already running.");
        }

        try
        {
            await RunLoopAsync(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Connects once, reads the server's settings and privileges, and disconnects.</summary>
    /// <exception cref="BinlogException">The server cannot be reached or refuses the user.</exception>
    public static async Task<ServerInfo> InspectServerAsync(ConnectionOptions options, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await ServerConnection.OpenAsync(options, logger, cancellationToken);
        return await ServerInfo.QueryAsync(connection, cancellationToken);
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var failedAttempts = 0;
        var isReconnection = false;
        while (true)
        {
            _status.SetState(ReplicationState.Connecting);
            var session = new SessionProgress();
            try
            {
                await RunSessionAsync(session, isReconnection, cancellationToken);
                _status.SetState(ReplicationState.Stopped);
                ReplicationLog.ReachedEnd(_logger, _options.Endpoint, _status.File, _status.Position);
                return;
            }
            catch (HandlerFailure failure)
            {
                _status.Fail(failure.InnerException!);
                ExceptionDispatchInfo.Throw(failure.InnerException!);
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
            {
                NotifyConnectionLost(session, exception);
                _status.SetState(ReplicationState.Stopped);
                ReplicationLog.Stopped(_logger, _options.Endpoint, _status.File, _status.Position);
                throw;
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                NotifyConnectionLost(session, exception);
                _status.ConnectionLost(exception);
                failedAttempts = session.ReceivedEvents ? 1 : failedAttempts + 1;
                if (_options.MaxReconnectAttempts is { } maximum && failedAttempts > maximum)
                {
                    var gaveUp = new BinlogConnectionException(
                        $"Gave up on {_options.Endpoint} after {failedAttempts} failed attempts in a row; the last: " +
                        exception.Message, exception);
                    ReplicationLog.GaveUp(_logger, _options.Endpoint, failedAttempts, exception);
                    _status.Fail(gaveUp);
                    throw gaveUp;
                }

                var delay = ReconnectDelay(failedAttempts);
                ReplicationLog.Reconnecting(_logger, _options.Endpoint, _status.File, _status.Position,
                    exception.Message, delay, failedAttempts);
                _status.SetState(ReplicationState.WaitingToReconnect);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _status.SetState(ReplicationState.Stopped);
                    ReplicationLog.Stopped(_logger, _options.Endpoint, _status.File, _status.Position);
                    throw;
                }

                isReconnection = true;
            }
            catch (Exception exception)
            {
                NotifyConnectionLost(session, exception);
                _status.Fail(exception);
                ReplicationLog.Failed(_logger, _options.Endpoint, _status.File, _status.Position, exception.Message,
                    exception);
                throw;
            }
        }
    }

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> (from 1): the initial delay doubled per earlier
    /// failure, capped, with its upper <see cref="ReplicationOptions.ReconnectJitter"/> share drawn at random.
    /// </summary>
    internal TimeSpan ReconnectDelay(int attempt, double? random = null)
    {
        var nominal = _options.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(nominal, _options.ReconnectMaxDelay.TotalMilliseconds);
        var draw = random ?? Random.Shared.NextDouble();
        return TimeSpan.FromMilliseconds(capped * (1 - (_options.ReconnectJitter * draw)));
    }

    private void NotifyConnectionLost(SessionProgress session, Exception reason)
    {
        if (!session.StreamStarted)
        {
            return;
        }

        try
        {
            _handler.OnConnectionLost(reason);
        }
        catch (Exception exception)
        {
            throw new HandlerFailure(exception);
        }
    }

    /// <summary>Whether reconnecting may cure the failure.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        BinlogTruncatedException => true,
        BinlogConnectionException => true,
        BinlogPositionUnavailableException or BinlogServerChangedException or BinlogAuthenticationException => false,
        BinlogServerException server => s_transientServerErrors.Contains(server.ErrorCode),
        BinlogProtocolException => true,
        BinlogException => false,
        IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    // Server errors that describe the moment, not the request: too many connections (1040, 1203, 1226), the
    // server shutting down (1053), network errors on its side (1158-1161), lock waits (1205, 1213), the
    // connection or statement killed (1317, 1927), and MySQL's idle disconnect (4031).
    private static readonly HashSet<int> s_transientServerErrors =
        [1040, 1053, 1158, 1159, 1160, 1161, 1203, 1205, 1213, 1226, 1317, 1927, 4031];

    /// <summary>What one connection got to, for deciding what a failure means.</summary>
    private sealed class SessionProgress
    {
        public bool StreamStarted { get; set; }

        public bool ReceivedEvents { get; set; }
    }

    /// <summary>An exception thrown by the handler, carried out of the session untouched.</summary>
    private sealed class HandlerFailure(Exception inner) : Exception(inner.Message, inner);
}
