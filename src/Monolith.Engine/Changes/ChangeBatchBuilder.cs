using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>
/// Turns the row changes of one table into Arrow batches: for each row image, <see cref="BeginRow"/> with its
/// weight, one typed append per column (in any order, by table ordinal), then <see cref="EndRow"/>. An
/// INSERT is one image of weight +1, a DELETE one of weight -1, an UPDATE the old image at -1 followed by
/// the new at +1. Only the needed columns are materialised; appends to the others cost one array read.
/// </summary>
/// <remarks>
/// <para>Closing: the caller closes a batch when <see cref="IsFull"/> (row count or byte budget reached) or
/// when its oldest row has waited long enough (<see cref="OldestRowTimestamp"/>), so that a quiet source
/// still delivers within milliseconds. <see cref="Close"/> hands the filled buffers to the returned
/// <see cref="ChangeBatch"/> and continues on a recycled or new set; nothing is copied.</para>
/// <para>Ownership: the builder is used by one thread. Each batch owns its buffers until the consumer
/// disposes it, which returns them to this builder's pool (see <see cref="ChangeBatch"/>). Disposing the
/// builder frees pooled buffers; batches still out are freed when they are disposed.</para>
/// <para>Values that cannot be represented (zero dates, out of range, inexact) become NULL and are counted
/// in <see cref="Counts"/>. A materialised column a row does not supply becomes NULL and is counted too.
/// Every data field is declared nullable for that reason; the weight column is not.</para>
/// <para>Steady state allocates nothing per row; each <see cref="Close"/> allocates the Arrow wrapper
/// objects (a record batch, one array and one array data per column), a few hundred bytes.</para>
/// </remarks>
public sealed partial class ChangeBatchBuilder : IDisposable
{
    /// <summary>Name of the signed weight column, always the last of a batch.</summary>
    public const string WeightColumnName = "__weight";

    private readonly ChangeBatchOptions _options;
    private readonly ColumnBuilder?[] _byOrdinal;
    private readonly ColumnBuilder[] _materialized;
    private readonly ColumnBuilder[] _variableWidth;
    private readonly WeightColumnBuilder _weights;
    private readonly ChangeBufferPool _pool;
    private int _rows;
    private bool _inRow;
    private long _oldestRowTimestamp;
    private long _batchNumber;
    private bool _disposed;

    /// <summary>Creates a builder for a table.</summary>
    /// <param name="columns">The table's columns in ordinal order.</param>
    /// <param name="neededColumns">Names of the columns to materialise (case-insensitive, as MySQL compares
    /// column names); null materialises all.</param>
    /// <param name="options">Batch sizing; defaults when null.</param>
    /// <exception cref="ArgumentException">A needed column does not exist, or a name repeats.</exception>
    /// <exception cref="NotSupportedException">A needed column has an Arrow type batches do not support.
    /// </exception>
    public ChangeBatchBuilder(IReadOnlyList<ChangeColumn> columns, IEnumerable<string>? neededColumns = null,
        ChangeBatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _options = options ?? new ChangeBatchOptions();
        _options.Validate();
        Columns = columns;

        var needed = neededColumns is null
            ? null
            : new HashSet<string>(neededColumns, StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (!names.Add(column.Name) || column.Name.Equals(WeightColumnName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Column name '{column.Name}' repeats or is reserved.", nameof(columns));
            }
        }

        if (needed?.FirstOrDefault(name => !names.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"Needed column '{unknown}' is not a column of the table.",
                nameof(neededColumns));
        }

        _byOrdinal = new ColumnBuilder?[columns.Count];
        var materialized = new List<ColumnBuilder>();
        var fields = new List<Field>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (needed is null || needed.Contains(columns[i].Name))
            {
                var builder = CreateColumnBuilder(columns[i], _options);
                _byOrdinal[i] = builder;
                materialized.Add(builder);
                fields.Add(new Field(columns[i].Name, columns[i].Type, nullable: true));
            }
        }

        _weights = new WeightColumnBuilder(
            new ChangeColumn(WeightColumnName, Int8Type.Default, IsNullable: false), _options.MaxRows);
        fields.Add(new Field(WeightColumnName, Int8Type.Default, nullable: false));
        _materialized = [.. materialized];
        _variableWidth = [.. materialized.Where(b => b is BinaryColumnBuilder)];
        Schema = new Schema(fields, metadata: null);
        _pool = new ChangeBufferPool(_options.PooledBatches);
        AttachBuffers(CreateBufferSet());
    }

    /// <summary>The table's columns in ordinal order, as given.</summary>
    public IReadOnlyList<ChangeColumn> Columns { get; }

    /// <summary>The schema of every batch: the materialised columns in table order, then the weight.</summary>
    public Schema Schema { get; }

    /// <summary>Rows at which a batch is full.</summary>
    public int MaxRows => _options.MaxRows;

    /// <summary>Rows in the open batch.</summary>
    public int RowCount => _rows;

    /// <summary>Whether the open batch reached its row count or byte budget and must be closed before the next
    /// row.</summary>
    public bool IsFull
    {
        get
        {
            if (_rows >= _options.MaxRows)
            {
                return true;
            }

            foreach (var builder in _variableWidth)
            {
                if (builder.DataLength >= _options.MaxDataBytes)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the open batch's first row began; 0 when empty.
    /// </summary>
    public long OldestRowTimestamp => _rows == 0 && !_inRow ? 0 : _oldestRowTimestamp;

    /// <summary>Values stored as NULL because they could not be represented, since creation.</summary>
    public ChangeConversionCounts Counts
    {
        get
        {
            long zeroDates = 0, unfit = 0, missing = 0;
            foreach (var builder in _materialized)
            {
                zeroDates += builder.ZeroDates;
                unfit += builder.Unfit;
                missing += builder.Missing;
            }

            return new ChangeConversionCounts(zeroDates, unfit, missing);
        }
    }

    /// <summary>Whether the column at this ordinal is materialised (appends to others are ignored).</summary>
    public bool IsMaterialized(int column) => (uint)column < (uint)_byOrdinal.Length && _byOrdinal[column] is not null;

    /// <summary>Starts a row image.</summary>
    /// <param name="weight">+1 for an image that enters (insert, update after), -1 for one that leaves.</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not +1 or -1.</exception>
    /// <exception cref="InvalidOperationException">A row is open, or the batch is full.</exception>
    public void BeginRow(sbyte weight)
    {
        if (weight is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A row weight is +1 or -1.");
        }

        if (_inRow || _rows >= _options.MaxRows || _disposed)
        {
            ThrowCannotBegin();
        }

        if (_rows == 0)
        {
            _oldestRowTimestamp = Stopwatch.GetTimestamp();
        }

        _weights.AppendWeight(weight);
        _inRow = true;
    }

    /// <summary>Ends the row image: materialised columns it did not supply become NULL (and are counted).
    /// </summary>
    /// <exception cref="InvalidOperationException">No row is open, or a column received two values.</exception>
    public void EndRow()
    {
        if (!_inRow)
        {
            ThrowNoRow();
        }

        var expected = _rows + 1;
        foreach (var builder in _materialized)
        {
            if (builder.Count != expected)
            {
                if (builder.Count != _rows)
                {
                    ThrowValueCount(builder);
                }

                builder.AppendMissing();
            }
        }

        _rows = expected;
        _inRow = false;
    }

    /// <summary>Discards the open row image, e.g. when decoding it failed half-way.</summary>
    public void AbortRow()
    {
        if (!_inRow)
        {
            return;
        }

        foreach (var builder in _materialized)
        {
            builder.Truncate(_rows);
        }

        _weights.Truncate(_rows);
        _inRow = false;
    }

    /// <summary>Closes the open batch and starts a new one.</summary>
    /// <returns>The batch, owned by the caller until disposed; null when no row was added.</returns>
    /// <exception cref="InvalidOperationException">A row is open.</exception>
    /// <exception cref="ObjectDisposedException">The builder was disposed.</exception>
    public ChangeBatch? Close()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inRow)
        {
            throw new InvalidOperationException("A row is open; call EndRow or AbortRow before closing the batch.");
        }

        if (_rows == 0)
        {
            return null;
        }

        var arrays = new IArrowArray[_materialized.Length + 1];
        var buffers = new ColumnBuffers[_materialized.Length + 1];
        for (var i = 0; i < _materialized.Length; i++)
        {
            arrays[i] = ArrowArrayFactory.BuildArray(_materialized[i].Build());
            buffers[i] = _materialized[i].Buffers;
        }

        arrays[^1] = ArrowArrayFactory.BuildArray(_weights.Build());
        buffers[^1] = _weights.Buffers;
        var batch = new ChangeBatch(new RecordBatch(Schema, arrays, _rows), buffers, _pool, _batchNumber++);

        AttachBuffers(_pool.TryRent() ?? CreateBufferSet());
        _rows = 0;
        return batch;
    }

    /// <summary>Frees the open batch's buffers and the pooled ones. Batches still out stay readable until
    /// they are disposed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pool.Close();
        foreach (var builder in _materialized)
        {
            builder.Buffers.Free();
        }

        _weights.Buffers.Free();
    }

    private static ColumnBuilder CreateColumnBuilder(ChangeColumn column, ChangeBatchOptions options)
    {
        var rows = options.MaxRows;
        return column.Type switch
        {
            Int64Type => new Int64ColumnBuilder(column, rows),
            UInt64Type => new UInt64ColumnBuilder(column, rows),
            DoubleType => new DoubleColumnBuilder(column, rows),
            Decimal128Type => new Decimal128ColumnBuilder(column, rows),
            Decimal256Type => new Decimal256ColumnBuilder(column, rows),
            TimestampType { Unit: TimeUnit.Microsecond, Timezone: null or "UTC" or "+00:00" } =>
                new TimestampColumnBuilder(column, rows),
            Date32Type => new Date32ColumnBuilder(column, rows),
            DurationType { Unit: TimeUnit.Microsecond } => new DurationColumnBuilder(column, rows),
            StringType or BinaryType => new BinaryColumnBuilder(column, rows, options.InitialBytesPerValue),
            BooleanType => new BooleanColumnBuilder(column, rows),
            _ => throw new NotSupportedException(
                $"Column '{column.Name}' has Arrow type {column.Type.Name}, which change batches do not hold; " +
                "supported are Int64, UInt64, Double, Decimal128, Decimal256, Timestamp(us, none or UTC), Date32, " +
                "Duration(us), String, Binary and Boolean."),
        };
    }

    private ColumnBuffers[] CreateBufferSet()
    {
        var set = new ColumnBuffers[_materialized.Length + 1];
        for (var i = 0; i < _materialized.Length; i++)
        {
            set[i] = _materialized[i].CreateBuffers();
        }

        set[^1] = _weights.CreateBuffers();
        return set;
    }

    private void AttachBuffers(ColumnBuffers[] set)
    {
        for (var i = 0; i < _materialized.Length; i++)
        {
            _materialized[i].Attach(set[i]);
        }

        _weights.Attach(set[^1]);
    }

    [DoesNotReturn]
    private void ThrowCannotBegin()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        throw new InvalidOperationException(_inRow
            ? "A row is already open; call EndRow or AbortRow first."
            : $"The batch is full at {_rows} rows; close it before the next row.");
    }

    [DoesNotReturn]
    private static void ThrowNoRow() =>
        throw new InvalidOperationException("No row is open; call BeginRow first.");

    [DoesNotReturn]
    private void ThrowValueCount(ColumnBuilder builder) =>
        throw new InvalidOperationException(
            $"Column '{builder.Column.Name}' received {builder.Count - _rows} values for row {_rows}; " +
            "each row takes one value per column.");
}
