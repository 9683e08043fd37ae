namespace Monolith.IntegrationTests.Replication;

/// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: slow and obviously right.</summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Whether the last four bytes of an event are the CRC-32 of the rest.</summary>
    public static bool TrailerMatches(ReadOnlySpan<byte> eventBytes) =>
        eventBytes.Length > 4 &&
        BitConverter.ToUInt32(eventBytes[^4..]) == Compute(eventBytes[..^4]);
}
