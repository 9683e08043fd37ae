namespace Monolith.Shop.Verification;

/// <summary>The aggregates a rollup may declare.</summary>
public enum AggregateFunction
{
    /// <summary><c>COUNT(*)</c>: a <see cref="long"/>.</summary>
    Count,

    /// <summary><c>SUM(column)</c>: a <see cref="decimal"/> (MariaDB sums integers and decimals exactly).</summary>
    Sum,

    /// <summary><c>MIN(column)</c>: the column's own type.</summary>
    Min,

    /// <summary><c>MAX(column)</c>: the column's own type.</summary>
    Max,

    /// <summary><c>COUNT(DISTINCT column)</c>: a <see cref="long"/>.</summary>
    CountDistinct,
}
