using System.Diagnostics.CodeAnalysis;

namespace Monolith.Binlog.Primitives;

/// <summary>
/// Raises the library's typed errors out of line so that the parsing methods that call them stay small enough
/// to inline.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowShort(string what, int needed, int offset, int left, BinlogPosition? position) =>
        throw new BinlogFormatException(
            $"{what}: needs {needed} byte(s) at byte {offset} of the event body but only {left} remain", position);

    [DoesNotReturn]
    public static void ThrowFormat(string message, BinlogPosition? position) =>
        throw new BinlogFormatException(message, position);

    [DoesNotReturn]
    public static T ThrowFormat<T>(string message, BinlogPosition? position) =>
        throw new BinlogFormatException(message, position);

    [DoesNotReturn]
    public static void ThrowChecksum(string message, BinlogPosition? position) =>
        throw new BinlogChecksumException(message, position);

    [DoesNotReturn]
    public static void ThrowTruncated(string message, BinlogPosition? position) =>
        throw new BinlogTruncatedException(message, position);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static T ThrowInvalidOperation<T>(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);
}
