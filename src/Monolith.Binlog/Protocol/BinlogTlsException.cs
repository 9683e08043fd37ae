namespace Monolith.Binlog.Protocol;

/// <summary>
/// TLS could not be set up as the options require: the server offers no TLS, its certificate does not chain to
/// the trusted authority, or it names another host. Retrying does not help; the message says what to change.
/// </summary>
public sealed class BinlogTlsException(string message, Exception? innerException = null)
    : BinlogException(message, null, innerException);
