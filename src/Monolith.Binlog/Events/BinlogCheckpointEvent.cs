using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB BINLOG_CHECKPOINT_EVENT (type 161): the oldest binlog file that crash recovery still needs.
/// </summary>
/// <param name="File">The file name.</param>
public sealed record BinlogCheckpointEvent(string File)
{
    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static BinlogCheckpointEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "MARIADB_BINLOG_CHECKPOINT", position);
        var length = reader.ReadUInt32("file name length");
        if (length > RotateEvent.MaxFileNameLength)
        {
            reader.Fail($"file name length {length} exceeds {RotateEvent.MaxFileNameLength}");
        }

        return new BinlogCheckpointEvent(Encoding.UTF8.GetString(reader.ReadBytes((int)length, "file name")));
    }
}
