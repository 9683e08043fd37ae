namespace Monolith.Engine.Rollups.Metrics;

/// <summary>How a SUM or AVG metric holds its sums.</summary>
internal enum SumMode
{
    /// <summary>128-bit integers: integer columns, and decimals as unscaled values at the column's scale.</summary>
    Integer,

    /// <summary>Compensated doubles.</summary>
    Double,

    /// <summary>Arbitrary-precision integers (unscaled decimals).</summary>
    Big,
}
