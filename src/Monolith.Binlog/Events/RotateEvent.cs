using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// ROTATE_EVENT (type 4): names the binlog file that comes next and the offset to continue at. Written at the end
/// of a file, and sent by the server at the start of a dump as a "fake" rotate (timestamp 0, log position 0) that
/// names the file being streamed.
/// </summary>
/// <param name="NextFile">The file to continue with.</param>
/// <param name="Position">The offset in that file; 4 when a file was rotated.</param>
/// <param name="IsArtificial">
/// Whether the server made the event up for the replica (timestamp and log position 0, or the artificial flag).
/// </param>
public sealed record RotateEvent(string NextFile, ulong Position, bool IsArtificial)
{
    /// <summary>The longest file name accepted; servers limit it to a path of 512 bytes.</summary>
    public const int MaxFileNameLength = 512;

    /// <summary>Reads the event from its body (without header and checksum).</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static RotateEvent Read(ReadOnlySpan<byte> body, in EventHeader header, int postHeaderLength,
        BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "ROTATE", position);
        var offset = postHeaderLength >= 8 ? reader.ReadUInt64("position") : 4;
        var name = reader.ReadRest();
        if (name.Length == 0 || name.Length > MaxFileNameLength)
        {
            reader.Fail($"file name of {name.Length} bytes (expected 1..{MaxFileNameLength})");
        }

        var artificial = (header.Timestamp == 0 && header.LogPosition == 0) ||
            (header.Flags & EventFlags.Artificial) != 0;
        return new RotateEvent(Encoding.UTF8.GetString(name), offset, artificial);
    }
}
