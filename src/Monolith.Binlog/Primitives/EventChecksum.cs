using System.Buffers.Binary;
using System.IO.Hashing;
using Monolith.Binlog.Events;

namespace Monolith.Binlog.Primitives;

/// <summary>Verifies the CRC32 trailer of an event.</summary>
internal static class EventChecksum
{
    public const int Size = 4;

    /// <summary>
    /// Checks the last four bytes of <paramref name="eventBytes"/> against the CRC32 of the bytes before them.
    /// A FORMAT_DESCRIPTION's checksum is computed by the server before it sets the in-use flag, so the flag is
    /// cleared here too before hashing.
    /// </summary>
    public static void Verify(ReadOnlySpan<byte> eventBytes, BinlogPosition? position)
    {
        if (eventBytes.Length < EventHeader.Size + Size)
        {
            ThrowHelper.ThrowFormat(
                $"Event of {eventBytes.Length} bytes is too short to carry a header and a CRC32", position);
        }

        var covered = eventBytes[..^Size];
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[^Size..]);
        var actual = Compute(covered);

        // Files keep the FORMAT_DESCRIPTION's CRC of the header without the in-use flag; a description that was
        // relayed or rewritten with the flag may carry the CRC of its bytes as they are, so both are accepted.
        if (actual != expected && covered[4] == (byte)BinlogEventType.FormatDescription && (covered[17] & 0x1) != 0)
        {
            actual = Crc32.HashToUInt32(covered) == expected ? expected : actual;
        }

        if (actual != expected)
        {
            ThrowHelper.ThrowChecksum(
                $"CRC32 mismatch in {(BinlogEventType)eventBytes[4]} event: stored 0x{expected:X8}, " +
                $"computed 0x{actual:X8}", position);
        }
    }

    /// <summary>The CRC32 of an event's bytes without trailer, as the server computed it.</summary>
    public static uint Compute(ReadOnlySpan<byte> covered)
    {
        var isFormatDescription = covered.Length > 4 && covered[4] == (byte)BinlogEventType.FormatDescription;
        if (!isFormatDescription || covered.Length < EventHeader.Size || (covered[17] & 0x1) == 0)
        {
            return Crc32.HashToUInt32(covered);
        }

        Span<byte> header = stackalloc byte[EventHeader.Size];
        covered[..EventHeader.Size].CopyTo(header);
        header[17] &= 0xFE;
        var crc = new Crc32();
        crc.Append(header);
        crc.Append(covered[EventHeader.Size..]);
        return crc.GetCurrentHashAsUInt32();
    }
}
