using Monolith.Binlog.Events;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Rows;

/// <summary>
/// The parsed post-header of a rows event: a small copyable value that, together with the body bytes and the
/// <see cref="TableDecoder"/>, is all that is needed to decode the rows later and elsewhere (another thread, a
/// ring slot), without the FORMAT_DESCRIPTION.
/// </summary>
public readonly struct RowsEventHeader
{
    /// <summary>Flag: the last rows event of a statement.</summary>
    public const ushort FlagStatementEnd = 0x0001;

    /// <summary>The event type, with MariaDB's compressed types mapped to the uncompressed ones.</summary>
    public BinlogEventType EventType { get; init; }

    /// <summary>Insert, update or delete.</summary>
    public RowChangeKind Kind { get; init; }

    /// <summary>The table id, which a preceding TABLE_MAP bound to a table.</summary>
    public ulong TableId { get; init; }

    /// <summary>The rows event flags (<see cref="FlagStatementEnd"/>, no foreign key checks, ...).</summary>
    public ushort Flags { get; init; }

    /// <summary>1 for the v1 events (MariaDB, MySQL 5.1-5.5), 2 for the v2 events (MySQL 5.6 on).</summary>
    public int Version { get; init; }

    /// <summary>Whether this is a PARTIAL_UPDATE_ROWS event, whose after images may hold JSON diffs.</summary>
    public bool IsPartialUpdate { get; init; }

    /// <summary>The post-header length the event was read with.</summary>
    public int PostHeaderLength { get; init; }

    /// <summary>Offset in the body where the column count and the row images start.</summary>
    public int RowsOffset { get; init; }

    /// <summary>The partition the rows are in (v2 extra data), or -1.</summary>
    public int PartitionId { get; init; }

    /// <summary>The partition an updated row came from (v2 extra data), or -1.</summary>
    public int SourcePartitionId { get; init; }

    /// <summary>The format byte of NDB's extra row information, or -1 when there is none.</summary>
    public int NdbInfoFormat { get; init; }

    /// <summary>Offset of NDB's extra row information in the body.</summary>
    public int NdbInfoOffset { get; init; }

    /// <summary>Length of NDB's extra row information.</summary>
    public int NdbInfoLength { get; init; }

    /// <summary>Where the event starts in the binlog, for errors.</summary>
    public BinlogPosition? Position { get; init; }

    /// <summary>The event header's timestamp (seconds since the Unix epoch).</summary>
    public uint Timestamp { get; init; }

    /// <summary>The event header's server id.</summary>
    public uint ServerId { get; init; }

    /// <summary>Whether this is the last rows event of its statement.</summary>
    public bool IsStatementEnd => (Flags & FlagStatementEnd) != 0;

    /// <summary>NDB's extra row information bytes from the body this header was read from.</summary>
    public ReadOnlySpan<byte> GetNdbInfo(ReadOnlySpan<byte> body) => body.Slice(NdbInfoOffset, NdbInfoLength);

    /// <summary>Whether the (uncompressed) event type is a rows event this library decodes.</summary>
    public static bool IsRowsEvent(BinlogEventType type) => type is BinlogEventType.WriteRowsV1 or
        BinlogEventType.UpdateRowsV1 or BinlogEventType.DeleteRowsV1 or BinlogEventType.WriteRowsV2 or
        BinlogEventType.UpdateRowsV2 or BinlogEventType.DeleteRowsV2 or BinlogEventType.PartialUpdateRows;

    /// <summary>Reads the post-header and the v2 extra data.</summary>
    /// <param name="body">The event body, without header and checksum (decompressed for MariaDB's types).</param>
    /// <param name="type">The event type (uncompressed equivalent).</param>
    /// <param name="postHeaderLength">The post-header length for this type from the FORMAT_DESCRIPTION.</param>
    /// <param name="position">Where the event starts.</param>
    /// <param name="timestamp">The header's timestamp.</param>
    /// <param name="serverId">The header's server id.</param>
    /// <exception cref="BinlogFormatException">Not a rows event, or a malformed post-header.</exception>
    public static RowsEventHeader Read(ReadOnlySpan<byte> body, BinlogEventType type, int postHeaderLength,
        BinlogPosition? position = null, uint timestamp = 0, uint serverId = 0)
    {
        var (kind, version) = type switch
        {
            BinlogEventType.WriteRowsV1 => (RowChangeKind.Insert, 1),
            BinlogEventType.UpdateRowsV1 => (RowChangeKind.Update, 1),
            BinlogEventType.DeleteRowsV1 => (RowChangeKind.Delete, 1),
            BinlogEventType.WriteRowsV2 => (RowChangeKind.Insert, 2),
            BinlogEventType.UpdateRowsV2 or BinlogEventType.PartialUpdateRows => (RowChangeKind.Update, 2),
            BinlogEventType.DeleteRowsV2 => (RowChangeKind.Delete, 2),
            _ => ThrowHelper.ThrowFormat<(RowChangeKind, int)>($"Event type {type} is not a rows event", position),
        };

        var reader = new SpanReader(body, type.ToString(), position);
        var tableId = postHeaderLength == 6 ? reader.ReadUInt32("table id") : reader.ReadUInt48("table id");
        var flags = reader.ReadUInt16("flags");
        int partition = -1, sourcePartition = -1, ndbFormat = -1, ndbOffset = 0, ndbLength = 0;
        if (version == 2)
        {
            var extraLength = reader.ReadUInt16("extra data length");
            if (extraLength < 2)
            {
                reader.Fail($"extra data length {extraLength} is below its own 2 bytes");
            }

            var extraStart = reader.Offset;
            var extra = new SpanReader(reader.ReadBytes(extraLength - 2, "extra data"), "rows extra data", position);
            while (extra.Remaining > 0)
            {
                var tag = extra.ReadUInt8("extra data tag");
                if (tag == 0)
                {
                    var length = extra.ReadUInt8("NDB info length");
                    if (length < 2)
                    {
                        extra.Fail($"NDB info length {length} is below its 2-byte header");
                    }

                    ndbFormat = extra.ReadUInt8("NDB info format");
                    ndbOffset = extraStart + extra.Offset;
                    ndbLength = length - 2;
                    extra.Skip(ndbLength, "NDB info");
                }
                else if (tag == 1)
                {
                    partition = extra.ReadUInt16("partition id");
                    if (kind == RowChangeKind.Update)
                    {
                        sourcePartition = extra.ReadUInt16("source partition id");
                    }
                }
                else
                {
                    // Unknown extra data: it cannot be walked further, and the rows do not depend on it.
                    break;
                }
            }
        }

        if (postHeaderLength > reader.Offset && version == 1)
        {
            reader.Skip(postHeaderLength - reader.Offset, "post-header");
        }

        return new RowsEventHeader
        {
            EventType = type,
            Kind = kind,
            TableId = tableId,
            Flags = flags,
            Version = version,
            IsPartialUpdate = type == BinlogEventType.PartialUpdateRows,
            PostHeaderLength = postHeaderLength,
            RowsOffset = reader.Offset,
            PartitionId = partition,
            SourcePartitionId = sourcePartition,
            NdbInfoFormat = ndbFormat,
            NdbInfoOffset = ndbOffset,
            NdbInfoLength = ndbLength,
            Position = position,
            Timestamp = timestamp,
            ServerId = serverId,
        };
    }
}
