namespace Monolith.Engine.Enrichment.Records;

/// <summary>
/// The first byte of each value in a record: which typed append it replays, and so how many bytes follow.
/// </summary>
internal enum ValueTag : byte
{
    /// <summary>NULL; nothing follows.</summary>
    Null = 0,

    /// <summary>8 bytes, little-endian.</summary>
    Int64 = 1,

    /// <summary>8 bytes, little-endian.</summary>
    UInt64 = 2,

    /// <summary>8 bytes, the IEEE bits little-endian.</summary>
    Double = 3,

    /// <summary>16 bytes of unscaled value, little-endian, then 1 byte of scale.</summary>
    Decimal = 4,

    /// <summary>1 byte of length, then that many ASCII bytes (a decimal past 38 digits).</summary>
    DecimalText = 5,

    /// <summary>Year (2 bytes), month, day.</summary>
    Date = 6,

    /// <summary>Year (2 bytes), month, day, hour, minute, second, microsecond (4 bytes).</summary>
    DateTime = 7,

    /// <summary>8 bytes: microseconds since the epoch, UTC.</summary>
    TimestampMicros = 8,

    /// <summary>8 bytes: signed microseconds.</summary>
    TimeMicros = 9,

    /// <summary>2 bytes of length, then that many bytes (UTF-8 text or binary).</summary>
    Bytes = 10,
}
