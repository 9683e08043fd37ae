using Microsoft.Extensions.Logging;

namespace Monolith.Binlog.Protocol;

/// <summary>Log messages of the client/server protocol layer; event ids 1100-1149.</summary>
internal static partial class ProtocolLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Connected to {Endpoint} ({Version}, connection id {ConnectionId}) as user '{User}' with " +
            "{AuthenticationMethod}, {Transport}")]
    public static partial void Connected(ILogger logger, string endpoint, ServerVersion version, uint connectionId,
        string user, string authenticationMethod, string transport);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "The server {Endpoint} offers no TLS; continuing without encryption because TlsMode is Preferred")]
    public static partial void TlsNotOffered(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Asking {Endpoint} for its RSA public key over a connection without TLS to send the password of " +
            "user '{User}' ({AuthenticationMethod}); the key is not authenticated, use TLS to rule out a " +
            "machine in the middle")]
    public static partial void RetrievingPublicKey(ILogger logger, string endpoint, string user,
        string authenticationMethod);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "The server {Endpoint} switched authentication to {AuthenticationMethod}")]
    public static partial void AuthenticationSwitched(ILogger logger, string endpoint, string authenticationMethod);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Trace, Message = "Query on {Endpoint}: {Sql}")]
    public static partial void Query(ILogger logger, string endpoint, string sql);
}
