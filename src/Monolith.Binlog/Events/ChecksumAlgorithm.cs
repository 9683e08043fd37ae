namespace Monolith.Binlog.Events;

/// <summary>The checksum algorithm a FORMAT_DESCRIPTION event announces for the events that follow it.</summary>
public enum ChecksumAlgorithm : byte
{
    /// <summary>No checksum trailer (<c>binlog_checksum=NONE</c>).</summary>
    None = 0,

    /// <summary>A 4-byte CRC32 (ISO-HDLC, as zlib computes it) over header and body ends every event.</summary>
    Crc32 = 1,

    /// <summary>The server predates checksums (MySQL before 5.6.1, MariaDB before 5.3): no trailer.</summary>
    Undefined = 255,
}
