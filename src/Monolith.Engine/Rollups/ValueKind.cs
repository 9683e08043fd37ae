namespace Monolith.Engine.Rollups;

/// <summary>The kinds of value a rollup column or a query result column holds.</summary>
public enum ValueKind
{
    /// <summary>Not known yet: the rollup has seen no batch and was given no schema.</summary>
    Unknown,

    /// <summary>Signed 64-bit integer (BIGINT); sums of integers may exceed 64 bits and stay exact.</summary>
    Long,

    /// <summary>Unsigned 64-bit integer (BIGINT UNSIGNED), written with its full range.</summary>
    UnsignedLong,

    /// <summary>IEEE 754 double.</summary>
    Double,

    /// <summary>Exact decimal with a precision and scale.</summary>
    Decimal,

    /// <summary>Text.</summary>
    String,

    /// <summary>TRUE or FALSE.</summary>
    Boolean,

    /// <summary>An instant, epoch milliseconds in UTC.</summary>
    Timestamp,
}
