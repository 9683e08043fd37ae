using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups;

/// <summary>
/// A rollup declared in SQL, analysed:
/// <code>
/// SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue
/// FROM shop.orders GROUP BY 1, 2
/// </code>
/// The analysis finds the source table, the joins (kept as syntax for the enrichment stage), the filter, the
/// time bucketing and its granularity, the dimensions and the metrics. The transform stage evaluates the
/// expressions over source rows and hands the rollup store Arrow batches with one column per dimension and per
/// metric argument (see <see cref="Rollup.Apply"/>).
/// </summary>
public sealed partial class RollupDefinition
{
    /// <summary>The name of the time column, as Druid names it.</summary>
    public const string TimeColumn = "__time";

    /// <summary>The name of the signed weight column in batches: +1 for a new row image, -1 for a removed
    /// one.</summary>
    public const string WeightColumn = "__weight";

    private RollupDefinition(
        string name,
        string sql,
        RollupOptions options,
        SqlSelectStatement statement,
        SqlTableReference source,
        SqlExpression timeArgument,
        Granularity granularity,
        IReadOnlyList<RollupDimension> dimensions,
        IReadOnlyList<RollupMetric> metrics)
    {
        Name = name;
        Sql = sql;
        Options = options;
        Statement = statement;
        Source = source;
        TimeArgument = timeArgument;
        Granularity = granularity;
        Dimensions = dimensions;
        Metrics = metrics;
    }

    /// <summary>The rollup's name: its table name in queries.</summary>
    public string Name { get; }

    /// <summary>The SQL it was declared with.</summary>
    public string Sql { get; }

    /// <summary>Options: time zone and retention.</summary>
    public RollupOptions Options { get; }

    /// <summary>The parsed statement.</summary>
    public SqlSelectStatement Statement { get; }

    /// <summary>The source table as written in FROM, with its alias.</summary>
    public SqlTableReference Source { get; }

    /// <summary>The source database (schema part of FROM), or null when FROM names only a table.</summary>
    public string? SourceDatabase => Source.Schema;

    /// <summary>The source table name.</summary>
    public string SourceTable => Source.Name;

    /// <summary>Joins for the enrichment stage, in the order written; each is an equi-join on columns.</summary>
    public IReadOnlyList<SqlJoin> Joins => Statement.Joins;

    /// <summary>The WHERE condition over source rows, or null.</summary>
    public SqlExpression? Where => Statement.Where;

    /// <summary>The expression whose value is bucketed into <c>__time</c> (the first argument of TIME_FLOOR).</summary>
    public SqlExpression TimeArgument { get; }

    /// <summary>How <see cref="TimeArgument"/> is bucketed.</summary>
    public Granularity Granularity { get; }

    /// <summary>The dimensions, in select-list order.</summary>
    public IReadOnlyList<RollupDimension> Dimensions { get; }

    /// <summary>The metrics, in select-list order.</summary>
    public IReadOnlyList<RollupMetric> Metrics { get; }

    /// <summary>Buckets older than this are dropped, or null.</summary>
    public TimeSpan? Retention => Options.Retention;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Sql}";
}
