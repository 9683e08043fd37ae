using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MySQL GTID_TAGGED_LOG_EVENT (type 42, MySQL 8.3 and later): a GTID with a tag, written in MySQL's field-id
/// serialisation: a format version, the message size, the last field id a reader must understand, then
/// (field id, value) pairs. Fields a reader does not know and may ignore end the parse.
/// </summary>
public static class GtidTaggedEvent
{
    private const int MaxTagLength = 32;

    /// <summary>Reads the event from its body and returns it in the shape of a <see cref="GtidEvent"/>.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed
    /// or needs a field this reader does not know.</exception>
    public static GtidEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SerializationReader(body, "GTID_TAGGED", position);
        reader.ReadUnsigned("format version");
        var size = reader.ReadUnsigned("message size");
        if (size > (ulong)body.Length)
        {
            reader.Fail($"message size {size} exceeds the body of {body.Length} bytes");
        }

        var lastRequiredField = reader.ReadUnsigned("last non-ignorable field id");
        byte flags = 0;
        var sid = Guid.Empty;
        long gno = 0, lastCommitted = 0, sequenceNumber = 0;
        string? tag = null;
        ulong immediateTs = 0, originalTs = 0, transactionLength = 0;
        uint immediateVersion = 0, originalVersion = 0;
        bool originalTsSeen = false, originalVersionSeen = false;
        var end = (int)size;

        while (reader.Offset < end)
        {
            var field = reader.ReadUnsigned("field id");
            switch (field)
            {
                case 0:
                    flags = (byte)reader.ReadUnsigned("flags");
                    break;
                case 1:
                    sid = reader.ReadUuid("source uuid");
                    break;
                case 2:
                    gno = reader.ReadSigned("transaction number");
                    break;
                case 3:
                    tag = Encoding.ASCII.GetString(reader.ReadString("tag", MaxTagLength));
                    break;
                case 4:
                    lastCommitted = reader.ReadSigned("last committed");
                    break;
                case 5:
                    sequenceNumber = reader.ReadSigned("sequence number");
                    break;
                case 6:
                    immediateTs = reader.ReadUnsigned("immediate commit timestamp");
                    break;
                case 7:
                    originalTs = reader.ReadUnsigned("original commit timestamp");
                    originalTsSeen = true;
                    break;
                case 8:
                    transactionLength = reader.ReadUnsigned("transaction length");
                    break;
                case 9:
                    immediateVersion = (uint)reader.ReadUnsigned("immediate server version");
                    break;
                case 10:
                    originalVersion = (uint)reader.ReadUnsigned("original server version");
                    originalVersionSeen = true;
                    break;
                case 11:
                    reader.ReadUnsigned("commit group ticket");
                    break;
                default:
                    if (field <= lastRequiredField)
                    {
                        reader.Fail($"field id {field} is required but unknown to this reader");
                    }

                    end = reader.Offset;
                    break;
            }
        }

        return new GtidEvent
        {
            Gtid = Gtid.ForMySql(sid, gno, tag),
            Flags = flags,
            LastCommitted = lastCommitted,
            SequenceNumber = sequenceNumber,
            ImmediateCommitTimestamp = immediateTs,
            OriginalCommitTimestamp = originalTsSeen ? originalTs : immediateTs,
            TransactionLength = transactionLength,
            ImmediateServerVersion = immediateVersion,
            OriginalServerVersion = originalVersionSeen ? originalVersion : immediateVersion,
        };
    }
}
