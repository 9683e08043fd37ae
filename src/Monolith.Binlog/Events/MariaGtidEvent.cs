using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB GTID_EVENT (type 162): starts every event group in place of a BEGIN query. Without
/// <see cref="Standalone"/> a transaction follows that ends at XID or COMMIT; with it, the next statement (DDL
/// and the like) is the whole group.
/// </summary>
public readonly struct MariaGtidEvent
{
    /// <summary>No terminating COMMIT or XID follows: the next QUERY is the whole group.</summary>
    public const byte FlagStandalone = 0x01;

    /// <summary>The group is part of a group commit; <see cref="CommitId"/> follows.</summary>
    public const byte FlagGroupCommitId = 0x02;

    /// <summary>The group only touched transactional tables.</summary>
    public const byte FlagTransactional = 0x04;

    /// <summary>A DDL statement.</summary>
    public const byte FlagDdl = 0x20;

    /// <summary>The group is an XA transaction's prepare.</summary>
    public const byte FlagPreparedXa = 0x40;

    /// <summary>The group completes a prepared XA transaction.</summary>
    public const byte FlagCompletedXa = 0x80;

    /// <summary>The GTID: domain, server id (from the event header) and sequence number.</summary>
    public Gtid Gtid { get; init; }

    /// <summary>The flags byte (<c>flags2</c>).</summary>
    public byte Flags { get; init; }

    /// <summary>The group commit id, or 0.</summary>
    public ulong CommitId { get; init; }

    /// <summary>Whether the group has no terminating COMMIT or XID.</summary>
    public bool Standalone => (Flags & FlagStandalone) != 0;

    /// <summary>Reads the event from its body; <paramref name="serverId"/> comes from the event header.</summary>
    /// <exception cref="BinlogFormatException">The body is shorter
    /// than 13 bytes or its XID part is malformed.</exception>
    public static MariaGtidEvent Read(ReadOnlySpan<byte> body, uint serverId, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "MARIADB_GTID", position);
        var sequence = reader.ReadUInt64("sequence number");
        var domain = reader.ReadUInt32("domain id");
        var flags = reader.ReadUInt8("flags");
        ulong commitId = 0;
        if ((flags & FlagGroupCommitId) != 0)
        {
            commitId = reader.ReadUInt64("commit id");
        }
        else if ((flags & (FlagPreparedXa | FlagCompletedXa)) != 0)
        {
            reader.ReadUInt32("XA format id");
            var gtridLength = reader.ReadUInt8("XA gtrid length");
            var bqualLength = reader.ReadUInt8("XA bqual length");
            reader.Skip(gtridLength + bqualLength, "XA xid");
        }

        return new MariaGtidEvent
        {
            Gtid = Gtid.ForMariaDb(domain, serverId, sequence),
            Flags = flags,
            CommitId = commitId,
        };
    }
}
