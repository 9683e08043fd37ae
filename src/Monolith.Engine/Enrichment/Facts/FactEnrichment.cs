using Microsoft.Extensions.Logging;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Enrichment.Dimensions;
using Monolith.Engine.Enrichment.Joins;
using Monolith.Engine.Enrichment.Records;
using Monolith.Engine.Enrichment.State;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Enrichment.Facts;

/// <summary>
/// The joins of one fact table: while its row images are appended to a change batch, each image gets the joined
/// columns of every node (dimension table) its rollups join, and each fact row's joined values are recorded in
/// fact state under the row's primary key.
/// </summary>
/// <remarks>
/// <para>Semantics, a temporal join as of the binlog position: a row image that enters (an inserted row, the new
/// image of an updated row) is joined with the dimension rows as they stand at that point of the stream, and the
/// joined values are recorded for the row. A row image that leaves (a deleted row, the old image of an updated
/// row) is retracted with the values recorded when it entered, not with the dimension rows as they stand now, so
/// the retraction removes exactly what was added even if the dimension changed in between. A later change of a
/// dimension row does not move facts already counted: they move when the fact row itself changes.</para>
/// <para>A dimension row that does not exist (not inserted yet, deleted, or a NULL key) joins as NULL values; the
/// rollup's LEFT JOIN counts the fact under NULL, its INNER JOIN leaves it out (a filter on the joined key,
/// recorded like any value, so that its retraction leaves it out too). Either way the fact is counted in
/// <see cref="JoinCounters.FactsWithoutDimensionRow"/>.</para>
/// <para>Record of a joined tuple: per node, 4 bytes of length (-1 when no row was found) and the dimension's
/// record as it was found.</para>
/// </remarks>
internal sealed partial class FactEnrichment : IDisposable
{
    private readonly List<JoinNode> _nodes = [];
    private readonly List<(JoinSpec Spec, JoinNode[] Nodes, JoinCounters Counters)> _rollups = [];
    private readonly ValueRecordBuffer _tuple = new(512);
    private readonly KeyedStateStore _facts;
    private readonly int[] _recordStart;
    private readonly int[] _recordLength;
    private int[] _sourceOrdinal = [];
    private bool[] _sourceUnsigned = [];
    private bool[] _materialized = [];
    private ulong[] _masks = [];
    private string? _primaryKey;
    private int _keyOrdinal = -1;
    private bool _keyUnsigned;
    private int _firstJoinedOrdinal;
    private int _boundLayouts = -1;
    private bool _pendingRemoval;
    private long _pendingKey;
    private bool _pendingFound;
    private long _retractionsWithoutRecord;

    /// <summary>Builds the nodes of a fact table's joins; rollups joining the same table through the same column
    /// share a node.</summary>
    /// <param name="database">The fact table's database (empty: any).</param>
    /// <param name="table">The fact table.</param>
    /// <param name="rollups">Its rollups that join, with their joins.</param>
    /// <param name="dimensionOf">The state of a dimension table (database, table).</param>
    /// <param name="options">State sizes and directory.</param>
    /// <param name="logger">Operator log.</param>
    /// <exception cref="RollupDefinitionException">More than 64 distinct joins on one fact table.</exception>
    public FactEnrichment(string database, string table,
        IReadOnlyList<(RollupDefinition Rollup, JoinSpec Spec)> rollups,
        Func<string, string, DimensionTable> dimensionOf, EnrichmentOptions options, ILogger logger)
    {
        Database = database;
        Table = table;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var byPath = new Dictionary<(int Parent, string Column, DimensionTable Dimension), JoinNode>();
        foreach (var (rollup, spec) in rollups)
        {
            var nodes = new JoinNode[spec.Joins.Count];
            for (var j = 0; j < spec.Joins.Count; j++)
            {
                var join = spec.Joins[j];
                var dimension = dimensionOf(join.Database, join.Table);
                var parent = join.SourceJoin < 0 ? -1 : nodes[join.SourceJoin].Index;
                var path = (parent, join.Source.Name.ToUpperInvariant(), dimension);
                if (!byPath.TryGetValue(path, out var node))
                {
                    if (_nodes.Count == 64)
                    {
                        throw new RollupDefinitionException(rollup.Name, rollup.Sql, join.Join.Offset,
                            $"the rollups over {table} join more than 64 distinct tables or paths");
                    }

                    var name = join.Alias;
                    for (var n = 2; !names.Add(name); n++)
                    {
                        name = $"{join.Alias}{n}";
                    }

                    node = new JoinNode(_nodes.Count, name, dimension, parent, join.Source.Name);
                    byPath[path] = node;
                    _nodes.Add(node);
                }

                nodes[j] = node;
            }

            _rollups.Add((spec, nodes, new JoinCounters(rollup.Name)));
        }

        _recordStart = new int[_nodes.Count];
        _recordLength = new int[_nodes.Count];
        _facts = new KeyedStateStore(DimensionTable.StoreName("facts", database, table), options, logger: logger);
    }

    public string Database { get; }

    public string Table { get; }

    public string Name => Database.Length == 0 ? Table : $"{Database}.{Table}";

    public IReadOnlyList<JoinNode> Nodes => _nodes;

    /// <summary>The counters of each joining rollup, in the order given.</summary>
    public IEnumerable<JoinCounters> Counters => _rollups.Select(r => r.Counters);

    /// <summary>Whether a dimension's layout became known after the fact table was bound: the caller binds
    /// again, so that its columns join the batches.</summary>
    public bool NeedsRebind => _boundLayouts >= 0 && _boundLayouts != LayoutVersions();

    /// <summary>
    /// Lays out the joined columns for a shape of the fact table: they follow the fact table's own columns in its
    /// change batches.
    /// </summary>
    /// <param name="factColumns">The fact table's columns.</param>
    /// <param name="primaryKey">The fact table's primary key columns.</param>
    public IReadOnlyList<ChangeColumn> BindColumns(IReadOnlyList<ChangeColumn> factColumns,
        IReadOnlyList<string> primaryKey)
    {
        _primaryKey = primaryKey.Count == 1 ? primaryKey[0] : null;
        _firstJoinedOrdinal = factColumns.Count;
        _boundLayouts = LayoutVersions();
        var columns = new List<ChangeColumn>();
        foreach (var node in _nodes)
        {
            columns.AddRange(node.Columns(columns.Count));
            node.SourceIndex = node.Parent < 0 ? -1 : _nodes[node.Parent].Layout?.IndexOf(node.SourceColumn) ?? -1;
        }

        _masks = new ulong[_rollups.Count];
        return columns;
    }

    /// <summary>Resolves the joins of the <paramref name="index"/>th joining rollup against the bound shape.
    /// </summary>
    /// <exception cref="RollupDefinitionException">The joins do not fit the schemas.</exception>
    public RollupJoins Resolve(int index, IReadOnlyList<ChangeColumn> factColumns, IReadOnlyList<string> primaryKey)
    {
        var (spec, nodes, _) = _rollups[index];
        var joins = RollupJoins.Resolve(spec, nodes, factColumns, primaryKey);
        _masks[index] = joins.NodeMask;
        return joins;
    }

    /// <summary>The index among the joining rollups of the rollup named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _rollups.FindIndex(r => r.Counters.Rollup == name);

    /// <summary>Notes which joined columns the batch builder materialises, so that others are not decoded.
    /// </summary>
    public void Attach(ChangeBatchBuilder builder)
    {
        _materialized = new bool[_nodes.Count];
        foreach (var node in _nodes)
        {
            for (var c = 0; c < (node.Layout?.Columns.Count ?? 0); c++)
            {
                _materialized[node.Index] |= builder.IsMaterialized(_firstJoinedOrdinal + node.FirstColumn + c);
            }
        }
    }

    /// <summary>Finds the fact table's key columns in a new decoder of it.</summary>
    public void Use(TableDecoder decoder)
    {
        _keyOrdinal = _primaryKey is null ? -1 : decoder.GetOrdinal(_primaryKey);
        _keyUnsigned = _keyOrdinal >= 0 && RowColumnPlan.KindOf(decoder.Columns[_keyOrdinal]) == RowValueKind.UInt64;
        _sourceOrdinal = new int[_nodes.Count];
        _sourceUnsigned = new bool[_nodes.Count];
        foreach (var node in _nodes)
        {
            var ordinal = node.Parent < 0 ? decoder.GetOrdinal(node.SourceColumn) : -1;
            _sourceOrdinal[node.Index] = ordinal;
            _sourceUnsigned[node.Index] = ordinal >= 0 &&
                RowColumnPlan.KindOf(decoder.Columns[ordinal]) == RowValueKind.UInt64;
        }
    }

    /// <summary>What the fact state holds, for <c>/status</c>.</summary>
    public FactStateStatus Status() =>
        new(Name, _facts.LiveKeys, Volatile.Read(ref _retractionsWithoutRecord), StoreStatus.Of(_facts));

    /// <inheritdoc />
    public void Dispose() => _facts.Dispose();

    private int LayoutVersions() => _nodes.Sum(n => n.Dimension.LayoutVersion);
}
