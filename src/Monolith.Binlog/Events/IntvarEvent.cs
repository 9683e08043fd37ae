using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// INTVAR_EVENT (type 5): the LAST_INSERT_ID (type 1) or INSERT_ID (type 2) that the next statement-based QUERY
/// used. Row-based decoding does not need it; it is parsed so that a malformed one is noticed.
/// </summary>
/// <param name="Kind">1 for LAST_INSERT_ID, 2 for INSERT_ID.</param>
/// <param name="Value">The value.</param>
public readonly record struct IntvarEvent(byte Kind, ulong Value)
{
    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is shorter than 9 bytes.</exception>
    public static IntvarEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "INTVAR", position);
        return new IntvarEvent(reader.ReadUInt8("type"), reader.ReadUInt64("value"));
    }
}
