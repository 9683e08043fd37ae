namespace Monolith.Binlog.Rows;

/// <summary>The logical kind of a column's values, which decides the accessor that reads them.</summary>
public enum ValueKind : byte
{
    /// <summary>TINYINT..BIGINT: <c>GetInt64</c>.</summary>
    SignedInteger,

    /// <summary>TINYINT..BIGINT UNSIGNED: <c>GetUInt64</c>.</summary>
    UnsignedInteger,

    /// <summary>FLOAT: <c>GetDouble</c> (widened exactly) or <c>GetSingle</c>.</summary>
    Float,

    /// <summary>DOUBLE: <c>GetDouble</c>.</summary>
    Double,

    /// <summary>DECIMAL: <c>TryGetDecimal</c>, <c>FormatDecimal</c>.</summary>
    Decimal,

    /// <summary>YEAR: <c>GetInt64</c> (0 or 1901..2155).</summary>
    Year,

    /// <summary>DATE: <c>GetDateTime</c>.</summary>
    Date,

    /// <summary>TIME: <c>GetTimeMicroseconds</c>.</summary>
    Time,

    /// <summary>DATETIME: <c>GetDateTime</c> (wall clock, no zone).</summary>
    DateTime,

    /// <summary>TIMESTAMP: <c>GetTimestampMicroseconds</c> (an instant, UTC).</summary>
    Timestamp,

    /// <summary>Character strings: <c>GetString</c>, <c>GetBytes</c>.</summary>
    Text,

    /// <summary>Binary strings and BLOBs: <c>GetBytes</c>.</summary>
    Binary,

    /// <summary>ENUM: <c>GetInt64</c> is the 1-based index (0 for
    /// the empty error value); labels on the column.</summary>
    Enum,

    /// <summary>SET: <c>GetUInt64</c> is the member bitmap; labels on the column.</summary>
    Set,

    /// <summary>BIT(n): <c>GetUInt64</c>.</summary>
    Bit,

    /// <summary>MySQL's binary JSON: <c>WriteJson</c>.</summary>
    Json,

    /// <summary>Spatial values: <c>GetBytes</c> (4-byte SRID and WKB).</summary>
    Geometry,

    /// <summary>MySQL 9 VECTOR: <c>GetBytes</c> (little-endian float32 values).</summary>
    Vector,

    /// <summary>A NULL-typed column: every value is NULL.</summary>
    Null,
}
