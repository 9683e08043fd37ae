using Microsoft.Extensions.Logging;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;
using Monolith.Engine.Enrichment.Records;
using Monolith.Engine.Enrichment.State;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Enrichment.Dimensions;

/// <summary>
/// A dimension table captured from the binlog into keyed state: its rows by primary key, each as a record of the
/// columns rollups join (see <see cref="DimensionLayout"/>). Its rows events are applied in stream order on the
/// compute thread, so a look-up sees the table as it stood at that point of the binlog: after every earlier
/// transaction and after the earlier statements of the transaction being read.
/// </summary>
internal sealed class DimensionTable : IDisposable
{
    private readonly HashSet<string> _requested = new(StringComparer.OrdinalIgnoreCase);
    private readonly ValueRecordBuffer _record = new();
    private readonly RowValueCopier _copier = new();
    private readonly ILogger _logger;
    private TableDecoder? _decoder;
    private RowColumnPlan?[] _plans = [];
    private RowColumnPlan? _keyPlan;
    private long _rows;
    private long _inserts;
    private long _updates;
    private long _deletes;
    private long _ignored;

    /// <summary>Creates the state of a dimension table; its layout is fixed when the table is first described.
    /// </summary>
    /// <param name="database">The database, or empty for any.</param>
    /// <param name="table">The table name.</param>
    /// <param name="options">State sizes and directory.</param>
    /// <param name="logger">Operator log.</param>
    public DimensionTable(string database, string table, EnrichmentOptions options, ILogger logger)
    {
        Database = database;
        Table = table;
        _logger = logger;
        Store = new KeyedStateStore(StoreName("dimension", database, table), options, copyReadsToMemory: true,
            logger);
    }

    public string Database { get; }

    public string Table { get; }

    /// <summary>The table as <c>database.table</c>.</summary>
    public string Name => Database.Length == 0 ? Table : $"{Database}.{Table}";

    /// <summary>The kept columns, once fixed.</summary>
    public DimensionLayout? Layout { get; private set; }

    /// <summary>Why no layout could be fixed (no single-column integer primary key), or null.</summary>
    public string? LayoutError { get; private set; }

    /// <summary>Increases whenever <see cref="Layout"/> is fixed, so fact tables know to bind again.</summary>
    public int LayoutVersion { get; private set; }

    public KeyedStateStore Store { get; }

    /// <summary>Columns rollups name, added before the layout is fixed.</summary>
    public IReadOnlySet<string> Requested => _requested;

    /// <summary>Asks for a column to be kept (before the layout is fixed; later requests are ignored).</summary>
    public void Request(string column) => _requested.Add(column);

    /// <summary>Fixes the layout from the table's description, unless it is fixed already.</summary>
    public void Describe(IReadOnlyList<DimensionColumn> columns)
    {
        if (Layout is not null)
        {
            return;
        }

        Layout = DimensionLayout.TryCreate(Name, columns, _requested, out var error);
        LayoutError = error;
        if (Layout is not null)
        {
            LayoutVersion++;
        }
    }

    /// <summary>Fixes the layout from an <c>information_schema</c> description, when one is given.</summary>
    public void Describe(TableSchema? schema)
    {
        if (schema is not null)
        {
            Describe(DimensionLayout.ColumnsOf(schema));
        }
    }

    /// <summary>
    /// Applies one row change of the table: an insert or update writes the row's record under its key (removing
    /// the old key's record when the key changed), a delete removes it.
    /// </summary>
    public void Apply(TableDecoder decoder, in RowChange change)
    {
        if (!ReferenceEquals(decoder, _decoder))
        {
            Use(decoder);
        }

        if (Layout is null || _keyPlan is null)
        {
            _ignored++;
            return;
        }

        switch (change.Kind)
        {
            case RowChangeKind.Insert:
                if (TryKey(change.After, out var inserted))
                {
                    Store.Write(inserted, Encode(change.After, default), isNew: true);
                    Volatile.Write(ref _inserts, _inserts + 1);
                }

                break;
            case RowChangeKind.Delete:
                if (TryKey(change.Before, out var deleted))
                {
                    Store.Delete(deleted, existed: true);
                    Volatile.Write(ref _deletes, _deletes + 1);
                }

                break;
            default:
                ApplyUpdate(change);
                break;
        }

        Volatile.Write(ref _rows, _rows + 1);
    }

    /// <summary>
    /// Looks up the row with primary key <paramref name="key"/> as it stands now. The record stays valid until the
    /// next call on this table.
    /// </summary>
    public bool TryLookup(long key, out ReadOnlySpan<byte> record) => Store.TryRead(key, out record);

    /// <summary>What the table's state holds and did, for <c>/status</c>.</summary>
    public DimensionStatus Status() => new(Name, Store.LiveKeys, Volatile.Read(ref _rows),
        Volatile.Read(ref _inserts), Volatile.Read(ref _updates), Volatile.Read(ref _deletes),
        Volatile.Read(ref _ignored), _record.TooLong,
        Layout?.Columns.Select(c => c.Name).ToList() ?? [], LayoutError, StoreStatus.Of(Store));

    /// <inheritdoc />
    public void Dispose() => Store.Dispose();

    /// <summary>A store name that is a safe folder name: the kind, then the table.</summary>
    internal static string StoreName(string kind, string database, string table)
    {
        var name = $"{kind}-{(database.Length == 0 ? "any" : database)}.{table}";
        return new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
    }

    private void ApplyUpdate(in RowChange change)
    {
        if (!TryKey(change.Before, out var before))
        {
            _ignored++;
            return;
        }

        // An after image without the key (MINIMAL images, key unchanged) keeps the before image's key.
        var after = change.After.IsPresent(_keyPlan!.Ordinal) ? (TryKey(change.After, out var k) ? k : before) : before;
        var previous = default(ReadOnlySpan<byte>);
        if (!AllPresent(change.After) && Store.TryRead(before, out var stored))
        {
            // Columns the after image leaves out (MINIMAL or NOBLOB images) keep their recorded values.
            previous = stored;
        }

        var record = Encode(change.After, previous);
        if (after != before)
        {
            Store.Delete(before, existed: true);
        }

        Store.Write(after, record, isNew: after != before);
        Volatile.Write(ref _updates, _updates + 1);
    }

    private void Use(TableDecoder decoder)
    {
        if (Layout is null)
        {
            Describe(DimensionLayout.ColumnsOf(decoder));
            if (Layout is null)
            {
                _decoder = decoder;
                _keyPlan = null;
                return;
            }
        }

        var plans = new RowColumnPlan?[Layout.Columns.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            var ordinal = decoder.GetOrdinal(Layout.Columns[i].Name);
            if (ordinal < 0)
            {
                EnrichmentLog.DimensionColumnMissing(_logger, Name, Layout.Columns[i].Name, decoder.ToString());
                continue;
            }

            plans[i] = RowColumnPlan.For(decoder.Columns[ordinal]);
        }

        _plans = plans;
        _keyPlan = plans[Layout.KeyIndex];
        _decoder = decoder;
    }

    private bool TryKey(in RowImage image, out long key)
    {
        var ordinal = _keyPlan!.Ordinal;
        if (!image.IsPresent(ordinal) || image.IsNull(ordinal))
        {
            key = 0;
            return false;
        }

        key = _keyPlan.Kind == RowValueKind.UInt64 ? (long)image.GetUInt64(ordinal) : image.GetInt64(ordinal);
        return true;
    }

    private bool AllPresent(in RowImage image)
    {
        foreach (var plan in _plans)
        {
            if (plan is not null && !image.IsPresent(plan.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Encodes a row image in the layout's order; absent columns take <paramref name="previous"/>'s
    /// values when given, else NULL.</summary>
    private ReadOnlySpan<byte> Encode(in RowImage image, ReadOnlySpan<byte> previous)
    {
        _record.Reset();
        var sink = new ValueRecordSink(_record);
        var old = new ValueRecordReader(previous);
        for (var i = 0; i < _plans.Length; i++)
        {
            var plan = _plans[i];
            var oldValue = previous.IsEmpty ? default : old.TakeValue();
            if (plan is not null && image.IsPresent(plan.Ordinal))
            {
                _copier.Copy(ref sink, i, image, plan);
            }
            else if (!oldValue.IsEmpty)
            {
                _record.Write(oldValue);
            }
            else
            {
                sink.AppendNull(i);
            }
        }

        return _record.WrittenSpan;
    }
}
