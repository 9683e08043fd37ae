namespace Monolith.Engine.Rollups;

/// <summary>What a rollup metric aggregates. Every kind accepts retractions (negative weights).</summary>
public enum AggregatorKind
{
    /// <summary><c>COUNT(*)</c>: the number of source rows in the group.</summary>
    Count,

    /// <summary><c>COUNT(x)</c>: rows whose argument is not NULL.</summary>
    CountValues,

    /// <summary><c>SUM(x)</c>: exact for integers and decimals, compensated for floating point.</summary>
    Sum,

    /// <summary><c>MIN(x)</c>, exact under deletion of the current minimum.</summary>
    Min,

    /// <summary><c>MAX(x)</c>, exact under deletion of the current maximum.</summary>
    Max,

    /// <summary><c>AVG(x)</c>, kept as a sum and a count.</summary>
    Avg,

    /// <summary><c>COUNT(DISTINCT x)</c>, exact: value to count per group.</summary>
    CountDistinct,

    /// <summary><c>APPROX_COUNT_DISTINCT(x)</c>: exact counts while small, a HyperLogLog sketch beyond.</summary>
    ApproxCountDistinct,

    /// <summary><c>APPROX_QUANTILE_DS(x, p)</c> and relatives: a retractable relative-error quantile sketch.</summary>
    ApproxQuantile,
}
