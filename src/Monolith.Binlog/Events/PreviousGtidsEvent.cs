using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MySQL PREVIOUS_GTIDS_LOG_EVENT (type 35): the GTID set of every transaction written before this file. The
/// first eight bytes hold the number of sources, or (MySQL 8.3 on) a format byte 1 at the top and the count in
/// bits 8-55 for the tagged format, where each source also carries a tag.
/// </summary>
/// <param name="Entries">One entry per source and tag.</param>
public sealed record PreviousGtidsEvent(IReadOnlyList<GtidSetEntry> Entries)
{
    private const int MaxTagLength = 32;

    /// <summary>The set in the server's text form, entries separated by commas.</summary>
    public override string ToString() => string.Join(',', Entries);

    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static PreviousGtidsEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "PREVIOUS_GTIDS", position);
        var head = reader.ReadUInt64("source count");
        var tagged = (head >> 56) == 1;
        var count = tagged ? (head >> 8) & 0xFFFF_FFFF_FFFF : head & 0x00FF_FFFF_FFFF_FFFF;

        // Each source needs at least 16 + 8 bytes, so a count that cannot fit is rejected before allocating.
        if (count > (ulong)(reader.Remaining / 24))
        {
            reader.Fail($"{count} sources cannot fit in {reader.Remaining} bytes");
        }

        var entries = new List<GtidSetEntry>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var sid = new Guid(reader.ReadBytes(16, "source uuid"), bigEndian: true);
            string? tag = null;
            if (tagged)
            {
                var serial = new SerializationReader(reader.Rest, "PREVIOUS_GTIDS tag", position);
                var tagBytes = serial.ReadString("tag", MaxTagLength);
                reader.Skip(serial.Offset, "tag");
                tag = tagBytes.Length == 0 ? null : Encoding.ASCII.GetString(tagBytes);
            }

            var intervalCount = reader.ReadUInt64("interval count");
            if (intervalCount > (ulong)(reader.Remaining / 16))
            {
                reader.Fail($"{intervalCount} intervals cannot fit in {reader.Remaining} bytes");
            }

            var intervals = new GtidInterval[(int)intervalCount];
            for (var k = 0; k < intervals.Length; k++)
            {
                var start = (long)reader.ReadUInt64("interval start");
                var end = (long)reader.ReadUInt64("interval end");
                if (end <= start || start < 1)
                {
                    reader.Fail($"interval [{start}, {end}) is empty, reversed or starts below 1");
                }

                intervals[k] = new GtidInterval(start, end);
            }

            entries.Add(new GtidSetEntry(sid, tag, intervals));
        }

        return new PreviousGtidsEvent(entries);
    }
}
