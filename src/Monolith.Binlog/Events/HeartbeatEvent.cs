using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// HEARTBEAT_LOG_EVENT (type 27) and HEARTBEAT_LOG_EVENT_V2 (type 41): sent by the source on an idle connection.
/// They say where the source stands (file and offset) and are never written to a file. Version 1 carries the file
/// name as the body and the offset in the header; version 2 carries both as typed fields.
/// </summary>
/// <param name="File">The source's current binlog file.</param>
/// <param name="Position">The offset in that file the source has sent up to.</param>
public sealed record HeartbeatEvent(string File, ulong Position)
{
    /// <summary>Reads either version from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static HeartbeatEvent Read(ReadOnlySpan<byte> body, in EventHeader header, BinlogPosition? position = null)
    {
        if (header.Type != BinlogEventType.HeartbeatV2)
        {
            if (body.Length > RotateEvent.MaxFileNameLength)
            {
                ThrowHelper.ThrowFormat($"HEARTBEAT file name of {body.Length} bytes is too long", position);
            }

            return new HeartbeatEvent(Encoding.UTF8.GetString(body), header.LogPosition);
        }

        var reader = new SpanReader(body, "HEARTBEAT_V2", position);
        var file = string.Empty;
        ulong offset = 0;
        while (reader.Remaining > 0)
        {
            var field = reader.ReadUInt8("field type");
            if (field == 0)
            {
                break;
            }

            var value = reader.ReadPackedBytes("field value");
            if (field == 1)
            {
                file = Encoding.UTF8.GetString(value);
            }
            else if (field == 2)
            {
                var inner = new SpanReader(value, "HEARTBEAT_V2 position", position);
                offset = inner.ReadPackedInt("position");
            }
        }

        return new HeartbeatEvent(file, offset);
    }
}
