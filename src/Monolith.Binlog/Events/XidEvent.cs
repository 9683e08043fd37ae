using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>XID_EVENT (type 16): the commit of a transaction on a transactional engine.</summary>
/// <param name="Xid">The server's internal transaction id.</param>
public readonly record struct XidEvent(ulong Xid)
{
    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is shorter than 8 bytes.</exception>
    public static XidEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "XID", position);
        return new XidEvent(reader.ReadUInt64("xid"));
    }
}
