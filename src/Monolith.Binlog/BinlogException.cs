namespace Monolith.Binlog;

/// <summary>
/// The base of every error the binlog library raises on purpose. Each message says what was expected, what
/// was found and where; <see cref="Position"/> carries the place in the log when one is known.
/// </summary>
public class BinlogException : Exception
{
    /// <summary>Creates an error with a message and, when known, the place in the binlog it concerns.</summary>
    public BinlogException(string message, BinlogPosition? position = null, Exception? innerException = null)
        : base(position is { } p ? $"{message} (at {p})" : message, innerException)
    {
        Position = position;
    }

    /// <summary>The binlog file and offset the error concerns, when known.</summary>
    public BinlogPosition? Position { get; }
}

/// <summary>Bytes that do not follow the binlog or protocol format: a bad length, an impossible value.</summary>
public class BinlogFormatException(string message, BinlogPosition? position = null, Exception? innerException = null)
    : BinlogException(message, position, innerException);

/// <summary>An event whose stored CRC32 does not match the one computed over its bytes.</summary>
public sealed class BinlogChecksumException(string message, BinlogPosition? position = null)
    : BinlogFormatException(message, position);

/// <summary>A stream or file that ends in the middle of a packet or an event.</summary>
public sealed class BinlogTruncatedException(string message, BinlogPosition? position = null)
    : BinlogFormatException(message, position);

/// <summary>The server sent a packet the protocol does not allow at this point of the conversation.</summary>
public class BinlogProtocolException(string message, Exception? innerException = null)
    : BinlogException(message, null, innerException);

/// <summary>Authentication failed: wrong credentials, or a method this client cannot perform.</summary>
public sealed class BinlogAuthenticationException(string message, Exception? innerException = null)
    : BinlogProtocolException(message, innerException);

/// <summary>
/// An error packet from the server, with the server's error code, SQL state and message as sent.
/// </summary>
public sealed class BinlogServerException(int errorCode, string sqlState, string serverMessage, string context)
    : BinlogProtocolException($"{context}: server error {errorCode} ({sqlState}): {serverMessage}")
{
    /// <summary>The server's numeric error code, for example 1236 for a purged or missing binlog.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>The five-character SQL state, or an empty string when the server sent none.</summary>
    public string SqlState { get; } = sqlState;

    /// <summary>The server's own message text.</summary>
    public string ServerMessage { get; } = serverMessage;
}
