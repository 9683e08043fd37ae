using Microsoft.Extensions.Logging;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Engine.Enrichment.Dimensions;
using Monolith.Engine.Enrichment.Facts;
using Monolith.Engine.Enrichment.Joins;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Enrichment;

/// <summary>
/// Enrichment joins for the compute stage: the dimension tables rollups join, captured from the binlog into keyed
/// state, and per fact table the joins its rollups make. Owned by the compute thread, except the start-up
/// snapshot, which runs before that thread starts.
/// </summary>
/// <remarks>
/// <code>
///  rows of products, categories ──▶ DimensionTable (state: primary key ──▶ row record)
///                                        ▲ look-ups as of this point of the binlog
///  rows of order_items ──▶ FactEnrichment ──▶ change batch + joined columns (p.category_id, c.name, ...)
///                               │
///                               └──▶ fact state: order item id ──▶ the joined values it was counted with
/// </code>
/// </remarks>
internal sealed class EnrichmentStage : IDisposable
{
    private readonly Dictionary<(string Database, string Table), DimensionTable> _dimensions = [];
    private readonly List<(RollupDefinition Rollup, JoinSpec Spec)> _joining = [];
    private readonly List<FactEnrichment> _facts = [];
    private readonly Func<string, string, TableSchema?> _describe;
    private readonly EnrichmentOptions _options;
    private readonly ILogger _logger;

    private EnrichmentStage(Func<string, string, TableSchema?> describe, EnrichmentOptions options, ILogger logger)
    {
        _describe = describe;
        _options = options;
        _logger = logger;
    }

    /// <summary>The dimension tables captured.</summary>
    public IEnumerable<DimensionTable> Dimensions => _dimensions.Values;

    /// <summary>
    /// Reads the joins of every rollup and opens the state of each joined table; null when no rollup joins.
    /// </summary>
    /// <param name="rollups">All rollups.</param>
    /// <param name="describe">A table's schema as the source knows it now, or null.</param>
    /// <param name="options">State sizes, directory and snapshot.</param>
    /// <param name="logger">Operator log.</param>
    /// <exception cref="RollupDefinitionException">A join has a shape enrichment does not support.</exception>
    public static EnrichmentStage? Create(IReadOnlyList<RollupDefinition> rollups,
        Func<string, string, TableSchema?> describe, EnrichmentOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        options.Validate();
        EnrichmentStage? stage = null;
        try
        {
            foreach (var rollup in rollups)
            {
                if (JoinSpec.Parse(rollup) is not { } spec)
                {
                    continue;
                }

                stage ??= new EnrichmentStage(describe, options, logger);
                stage._joining.Add((rollup, spec));
                foreach (var join in spec.Joins)
                {
                    var dimension = stage.DimensionOf(join.Database, join.Table);
                    foreach (var column in join.Columns.Keys)
                    {
                        dimension.Request(column);
                    }
                }
            }

            if (stage is not null)
            {
                foreach (var dimension in stage._dimensions.Values)
                {
                    stage.Describe(dimension);
                }
            }

            return stage;
        }
        catch
        {
            stage?.Dispose();
            throw;
        }
    }

    /// <summary>Whether rows of a table update dimension state (called on the source thread).</summary>
    public bool IsDimension(string database, string table) =>
        _dimensions.ContainsKey((database, table)) || _dimensions.ContainsKey(("", table));

    /// <summary>The dimension states a table's rows update (usually none or one).</summary>
    public void DimensionsOf(TableDecoder decoder, List<DimensionTable> found)
    {
        found.Clear();
        if (_dimensions.TryGetValue((decoder.Database, decoder.Table), out var exact))
        {
            found.Add(exact);
        }

        if (_dimensions.TryGetValue(("", decoder.Table), out var any))
        {
            found.Add(any);
        }
    }

    /// <summary>The joins of a fact table's rollups, or null when none of them joins.</summary>
    public FactEnrichment? ForFact(string database, string table, IReadOnlyList<RollupDefinition> rollups)
    {
        var joining = _joining.Where(j => rollups.Contains(j.Rollup)).ToList();
        if (joining.Count == 0)
        {
            return null;
        }

        var fact = new FactEnrichment(database, table, joining, DimensionOf, _options, _logger);
        _facts.Add(fact);
        return fact;
    }

    /// <summary>Tries again to describe dimension tables whose layout is not fixed yet (before binding).</summary>
    public void DescribeMissing()
    {
        foreach (var dimension in _dimensions.Values)
        {
            if (dimension.Layout is null && dimension.LayoutError is null)
            {
                Describe(dimension);
            }
        }
    }

    /// <summary>What enrichment holds, for <c>/status</c>.</summary>
    public EnrichmentStatus Status() => new([.. _dimensions.Values.Select(d => d.Status())],
        [.. _facts.Select(f => f.Status())]);

    /// <summary>The counters of every joining rollup.</summary>
    public IEnumerable<JoinCounters> Counters => _facts.SelectMany(f => f.Counters);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var fact in _facts)
        {
            fact.Dispose();
        }

        foreach (var dimension in _dimensions.Values)
        {
            dimension.Dispose();
        }
    }

    private DimensionTable DimensionOf(string database, string table)
    {
        if (!_dimensions.TryGetValue((database, table), out var dimension))
        {
            dimension = new DimensionTable(database, table, _options, _logger);
            _dimensions[(database, table)] = dimension;
        }

        return dimension;
    }

    private void Describe(DimensionTable dimension)
    {
        if (dimension.Database.Length > 0)
        {
            dimension.Describe(_describe(dimension.Database, dimension.Table));
        }
    }
}
