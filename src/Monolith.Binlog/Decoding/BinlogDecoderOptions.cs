namespace Monolith.Binlog.Decoding;

/// <summary>Limits and switches of a <see cref="BinlogDecoder"/>.</summary>
public sealed class BinlogDecoderOptions
{
    /// <summary>
    /// Bytes of an open transaction's rows events kept in memory before the rest is staged in a temporary file.
    /// Default 64 MiB.
    /// </summary>
    public long StagingMemoryLimit { get; init; } = 64L * 1024 * 1024;

    /// <summary>Folder for staging files; the system's temporary folder when null.</summary>
    public string? StagingDirectory { get; init; }

    /// <summary>The largest event accepted (servers cap events at 1 GiB, <c>max_allowed_packet</c>).</summary>
    public int MaxEventSize { get; init; } = 1024 * 1024 * 1024;

    /// <summary>Whether to verify each event's CRC32 when the FORMAT_DESCRIPTION announces one. Default true.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>
    /// Whether to walk every row image when its rows event arrives, so a malformed event is reported at its
    /// position even if its transaction never commits, and to reject a NULL in a column the TABLE_MAP declares NOT
    /// NULL (row data that does not belong to its TABLE_MAP). Costs a second pass over the rows. Default false.
    /// </summary>
    public bool ValidateRows { get; init; }

    /// <summary>How many TABLE_MAP decoders to cache before starting over (table ids grow without bound).</summary>
    public int MaxCachedTables { get; init; } = 8192;
}
