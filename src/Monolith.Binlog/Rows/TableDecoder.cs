using Monolith.Binlog.Events;
using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Rows;

/// <summary>
/// Everything needed to decode the rows of one table as a TABLE_MAP describes it: the columns with their types,
/// names, signedness, character sets and labels, and a precomputed layout (fixed width or length prefix per
/// column) that the row reader walks without branching on types. Built once per distinct TABLE_MAP and then
/// shared; immutable, so rows may be decoded with it on any thread.
/// </summary>
public sealed partial class TableDecoder
{
    private readonly ColumnInfo[] _columns;

    // Hot-path copies of per-column facts, indexed by ordinal.
    private readonly int[] _layout;
    private readonly ValueKind[] _kinds;
    private readonly int[] _jsonOrdinals;

    private TableDecoder(TableMapEvent map, ColumnInfo[] columns, int[] layout, string? schemaMismatch)
    {
        TableMap = map;
        _columns = columns;
        _layout = layout;
        _kinds = columns.Select(c => c.Kind).ToArray();
        _jsonOrdinals = new int[columns.Length];
        var json = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            _jsonOrdinals[i] = columns[i].Type == ColumnType.Json ? json++ : -1;
        }

        JsonColumnCount = json;
        SchemaMismatch = schemaMismatch;
    }

    /// <summary>The TABLE_MAP this decoder was built from.</summary>
    public TableMapEvent TableMap { get; }

    /// <summary>The table id the TABLE_MAP bound.</summary>
    public ulong TableId => TableMap.TableId;

    /// <summary>The database name.</summary>
    public string Database => TableMap.Database;

    /// <summary>The table name.</summary>
    public string Table => TableMap.Table;

    /// <summary>The columns, in ordinal order.</summary>
    public IReadOnlyList<ColumnInfo> Columns => _columns;

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>
    /// Why the schema from the provider was not used (its column count or types differ from the TABLE_MAP), or
    /// null when it was used or none was given. Columns are then named <c>@1</c>, <c>@2</c>, ... unless the
    /// TABLE_MAP carried names.
    /// </summary>
    public string? SchemaMismatch { get; }

    /// <summary>
    /// The number of <see cref="int"/> slots a caller's scratch buffer needs to read any row change of this
    /// table, including both images of an update: four per column.
    /// </summary>
    public int ScratchLength => _columns.Length * 4;

    internal int JsonColumnCount { get; }

    internal ReadOnlySpan<int> Layout => _layout;

    internal ValueKind KindOf(int column) => _kinds[column];

    internal ColumnInfo ColumnAt(int column) => _columns[column];

    internal int JsonOrdinal(int column) => _jsonOrdinals[column];

    /// <summary>Finds a column by name (ordinal comparison, ignoring case as MySQL does), or -1.</summary>
    public int GetOrdinal(string name)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Builds the decoder for a TABLE_MAP. The TABLE_MAP's optional metadata wins over <paramref name="schema"/>
    /// (it is the schema in force when the row was written); the schema fills in what the metadata lacks, unless
    /// its column count or types disagree with the TABLE_MAP, in which case it is ignored as a whole.
    /// </summary>
    /// <exception cref="BinlogFormatException">A column's type or metadata cannot be decoded.</exception>
    public static TableDecoder Create(TableMapEvent map, TableSchema? schema, BinlogPosition? position = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mismatch = schema is null ? null : DescribeMismatch(map, schema);
        var usable = mismatch is null ? schema : null;
        var columns = new ColumnInfo[map.ColumnCount];
        var layout = new int[map.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            (columns[i], layout[i]) = BuildColumn(map, i, usable?.Columns[i], position);
        }

        return new TableDecoder(map, columns, layout, mismatch);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Database}.{Table} (table id {TableId}, {ColumnCount} columns)";
}
