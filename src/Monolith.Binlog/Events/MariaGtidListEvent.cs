using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB GTID_LIST_EVENT (type 163): the last GTID of each replication domain before this file, written after
/// the FORMAT_DESCRIPTION.
/// </summary>
/// <param name="Gtids">One GTID per domain.</param>
public sealed record MariaGtidListEvent(IReadOnlyList<Gtid> Gtids)
{
    /// <summary>The list in MariaDB's text form, e.g. <c>0-1-100,1-2-7</c>.</summary>
    public override string ToString() => string.Join(',', Gtids);

    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static MariaGtidListEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "MARIADB_GTID_LIST", position);

        // The top four bits of the count are flags; the rest is the number of entries.
        var count = reader.ReadUInt32("count") & 0x0FFF_FFFF;
        if (count > (uint)(reader.Remaining / 16))
        {
            reader.Fail($"{count} GTIDs cannot fit in {reader.Remaining} bytes");
        }

        var gtids = new Gtid[count];
        for (var i = 0; i < gtids.Length; i++)
        {
            var domain = reader.ReadUInt32("domain id");
            var serverId = reader.ReadUInt32("server id");
            var sequence = reader.ReadUInt64("sequence number");
            gtids[i] = Gtid.ForMariaDb(domain, serverId, sequence);
        }

        return new MariaGtidListEvent(gtids);
    }
}
