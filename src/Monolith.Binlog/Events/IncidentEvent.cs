using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// INCIDENT_EVENT (type 26): something happened on the source that a replica cannot see in the rows (for example
/// a lost connection in the middle of a non-transactional change). The stream continues; consumers are told.
/// </summary>
/// <param name="Incident">The incident code (1: lost events).</param>
/// <param name="Message">The server's message.</param>
public sealed record IncidentEvent(ushort Incident, string Message)
{
    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static IncidentEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "INCIDENT", position);
        var incident = reader.ReadUInt16("incident type");
        var message = reader.Remaining > 0
            ? reader.ReadBytes(reader.ReadUInt8("message length"), "message")
            : ReadOnlySpan<byte>.Empty;
        return new IncidentEvent(incident, Encoding.UTF8.GetString(message));
    }
}
