using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MySQL GTID_LOG_EVENT (type 33) and ANONYMOUS_GTID_LOG_EVENT (type 34): the identity of the transaction that
/// follows and, from 5.7 on, its place in the source's commit order. The body grew with the server versions:
/// 25 bytes (5.6), 42 (5.7), 49 (8.0.1 commit timestamp), 52-56 (8.0.2 transaction length and server version),
/// up to 67 when the original and immediate values differ (a replica's binlog); every optional part is read
/// only if it is present.
/// </summary>
public readonly struct GtidEvent
{
    private const byte LogicalTimestampTypeCode = 2;
    private const ulong OriginalPresentBit = 1UL << 55;
    private const uint OriginalVersionPresentBit = 1U << 31;

    /// <summary>The GTID; <see cref="GtidFlavor.None"/> for an anonymous transaction.</summary>
    public Gtid Gtid { get; init; }

    /// <summary>Whether this was an ANONYMOUS_GTID event.</summary>
    public bool IsAnonymous { get; init; }

    /// <summary>The event's flags byte (bit 0: the transaction may have changed non-transactional tables).</summary>
    public byte Flags { get; init; }

    /// <summary>The sequence number of the last transaction this one depends on (for parallel apply).</summary>
    public long LastCommitted { get; init; }

    /// <summary>This transaction's sequence number in the file's commit order.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>When this server committed it, in microseconds since the Unix epoch; 0 when not written.</summary>
    public ulong ImmediateCommitTimestamp { get; init; }

    /// <summary>When the original source committed it, in microseconds since the Unix epoch.</summary>
    public ulong OriginalCommitTimestamp { get; init; }

    /// <summary>The length of the whole transaction in bytes, including this event; 0 when not written.</summary>
    public ulong TransactionLength { get; init; }

    /// <summary>Version of this server as a number (80019 for 8.0.19); 0 when not written.</summary>
    public uint ImmediateServerVersion { get; init; }

    /// <summary>Version of the original source server; 0 when not written or unknown.</summary>
    public uint OriginalServerVersion { get; init; }

    /// <summary>Reads the event from its body (without header and checksum).</summary>
    /// <exception cref="BinlogFormatException">The body is shorter than its mandatory part.</exception>
    public static GtidEvent Read(ReadOnlySpan<byte> body, bool anonymous, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, anonymous ? "ANONYMOUS_GTID" : "GTID", position);
        var flags = reader.ReadUInt8("flags");
        var sid = new Guid(reader.ReadBytes(16, "source uuid"), bigEndian: true);
        var gno = (long)reader.ReadUInt64("transaction number");
        long lastCommitted = 0, sequenceNumber = 0;
        ulong immediateTs = 0, originalTs = 0, transactionLength = 0;
        uint immediateVersion = 0, originalVersion = 0;

        if (reader.Remaining >= 17 && reader.Rest[0] == LogicalTimestampTypeCode)
        {
            reader.ReadUInt8("timestamp type");
            lastCommitted = (long)reader.ReadUInt64("last committed");
            sequenceNumber = (long)reader.ReadUInt64("sequence number");
        }

        if (reader.Remaining >= 7)
        {
            immediateTs = reader.ReadUIntN(7, "immediate commit timestamp");
            originalTs = immediateTs;
            if ((immediateTs & OriginalPresentBit) != 0)
            {
                immediateTs &= ~OriginalPresentBit;
                originalTs = reader.ReadUIntN(7, "original commit timestamp");
            }

            if (reader.Remaining > 0)
            {
                transactionLength = reader.ReadPackedInt("transaction length");
            }

            if (reader.Remaining >= 4)
            {
                immediateVersion = reader.ReadUInt32("immediate server version");
                originalVersion = immediateVersion;
                if ((immediateVersion & OriginalVersionPresentBit) != 0)
                {
                    immediateVersion &= ~OriginalVersionPresentBit;
                    originalVersion = reader.ReadUInt32("original server version");
                }
            }
        }

        var gtid = anonymous || (sid == Guid.Empty && gno == 0) ? default : Gtid.ForMySql(sid, gno);
        return new GtidEvent
        {
            Gtid = gtid,
            IsAnonymous = anonymous,
            Flags = flags,
            LastCommitted = lastCommitted,
            SequenceNumber = sequenceNumber,
            ImmediateCommitTimestamp = immediateTs,
            OriginalCommitTimestamp = originalTs,
            TransactionLength = transactionLength,
            ImmediateServerVersion = immediateVersion,
            OriginalServerVersion = originalVersion,
        };
    }
}
