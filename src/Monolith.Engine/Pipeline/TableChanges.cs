using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Enrichment.Facts;
using Monolith.Engine.Enrichment.Joins;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The compute stage's state for one source table: its change batch builder (materialising only the columns
/// some rollup reads), the appender for the table decoder in force, and each rollup's binding to the table's
/// current shape. When some of its rollups join, the table's enrichment appends the joined columns after the
/// table's own in its change batches. Owned by the compute thread.
/// </summary>
internal sealed class TableChanges : IDisposable
{
    private readonly ChangeBatchOptions _options;
    private readonly int[] _joinIndexes;
    private IReadOnlyList<ChangeColumn>? _columns;
    private int[] _scratch = [];

    public TableChanges(string database, string table, IReadOnlyList<RollupDefinition> rollups,
        ChangeBatchOptions options, FactEnrichment? enrichment)
    {
        Database = database;
        Table = table;
        Rollups = rollups;
        Enrichment = enrichment;
        _options = options;
        Bindings = new RollupBinding?[rollups.Count];
        BindingErrors = new string?[rollups.Count];
        _joinIndexes = [.. rollups.Select(r => enrichment?.IndexOf(r.Name) ?? -1)];
    }

    public string Database { get; }

    public string Table { get; }

    public string Name => $"{Database}.{Table}";

    public IReadOnlyList<RollupDefinition> Rollups { get; }

    /// <summary>Per rollup, its binding to the current shape, or null when it could not be bound.</summary>
    public RollupBinding?[] Bindings { get; }

    /// <summary>Per rollup, why it could not be bound to the current shape.</summary>
    public string?[] BindingErrors { get; }

    /// <summary>The joins of the table's rollups, or null when none joins.</summary>
    public FactEnrichment? Enrichment { get; }

    public ChangeBatchBuilder? Builder { get; private set; }

    public RowImageAppender? Appender { get; private set; }

    public TableDecoder? Decoder { get; private set; }

    /// <summary>
    /// Binds every rollup to a column layout and builds the batch builder for the columns they read.
    /// </summary>
    /// <param name="columns">The table's columns.</param>
    /// <param name="primaryKey">The table's primary key columns (a joining rollup needs exactly one).</param>
    /// <param name="throwOnError">Whether a rollup that cannot be bound fails the call (at start-up) or is
    /// recorded in <see cref="BindingErrors"/> (after a schema change in the stream).</param>
    /// <exception cref="RollupDefinitionException">A rollup cannot be bound and <paramref name="throwOnError"/>.
    /// </exception>
    public void Bind(IReadOnlyList<ChangeColumn> columns, IReadOnlyList<string> primaryKey, bool throwOnError)
    {
        var all = Enrichment is null ? columns : [.. columns, .. Enrichment.BindColumns(columns, primaryKey)];
        var fields = all.Select(c => new Field(c.Name, c.Type, nullable: true))
            .Append(new Field(RollupDefinition.WeightColumn, Int8Type.Default, nullable: false));
        var full = new Schema(fields, null);
        var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bound = new bool[Rollups.Count];
        var joins = new RollupJoins?[Rollups.Count];
        for (var i = 0; i < Rollups.Count; i++)
        {
            try
            {
                joins[i] = _joinIndexes[i] < 0 ? null : Enrichment!.Resolve(_joinIndexes[i], columns, primaryKey);
                needed.UnionWith(RollupBinding.Create(Rollups[i], full, joins[i]).NeededColumns);
                bound[i] = true;
                BindingErrors[i] = null;
            }
            catch (RollupDefinitionException e) when (!throwOnError)
            {
                BindingErrors[i] = e.Message;
            }
        }

        Builder?.Dispose();
        Builder = new ChangeBatchBuilder(all, needed, _options);
        Enrichment?.Attach(Builder);
        for (var i = 0; i < Rollups.Count; i++)
        {
            Bindings[i] = bound[i] ? RollupBinding.Create(Rollups[i], Builder.Schema, joins[i]) : null;
        }

        _columns = columns;
        Decoder = null;
        Appender = null;
    }

    /// <summary>
    /// Makes <paramref name="decoder"/> the one in force. Returns false when its columns differ from those the
    /// rollups are bound to, or a joined table's columns became known since: the caller flushes the open batch
    /// and binds again.
    /// </summary>
    public bool TryUse(TableDecoder decoder)
    {
        if (ReferenceEquals(decoder, Decoder))
        {
            return true;
        }

        var columns = RowImageAppender.ColumnsOf(decoder);
        if (_columns is null || Builder is null || !SameColumns(columns, _columns) ||
            Enrichment is { NeedsRebind: true })
        {
            return false;
        }

        Decoder = decoder;
        Appender = new RowImageAppender(decoder, Builder);
        Enrichment?.Use(decoder);
        if (_scratch.Length < decoder.ScratchLength)
        {
            _scratch = new int[decoder.ScratchLength];
        }

        return true;
    }

    /// <summary>The row-offset scratch for the decoder in force.</summary>
    public Span<int> Scratch => _scratch;

    /// <summary>The primary key columns of a table as a decoder describes them.</summary>
    public static IReadOnlyList<string> PrimaryKeyOf(TableDecoder decoder) =>
        [.. decoder.Columns.Where(c => c.IsPrimaryKey).Select(c => c.Name)];

    public void Dispose() => Builder?.Dispose();

    private static bool SameColumns(IReadOnlyList<ChangeColumn> a, IReadOnlyList<ChangeColumn> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i].Name, b[i].Name, StringComparison.OrdinalIgnoreCase) ||
                !SameType(a[i].Type, b[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameType(IArrowType a, IArrowType b) => (a, b) switch
    {
        (Decimal128Type x, Decimal128Type y) => x.Precision == y.Precision && x.Scale == y.Scale,
        (Decimal256Type x, Decimal256Type y) => x.Precision == y.Precision && x.Scale == y.Scale,
        (TimestampType x, TimestampType y) => x.Unit == y.Unit && string.IsNullOrEmpty(x.Timezone) ==
            string.IsNullOrEmpty(y.Timezone),
        _ => a.TypeId == b.TypeId,
    };
}
