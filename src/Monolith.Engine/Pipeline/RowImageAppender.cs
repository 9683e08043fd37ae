using Apache.Arrow.Types;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// Copies decoded row images of one table into a <see cref="ChangeBatchBuilder"/>: the bridge between the binlog
/// decoder's typed accessors and the Arrow change batches. Built once per table decoder; one instance per thread.
/// </summary>
/// <remarks>
/// The Arrow type of each column follows from the column's logical kind: integers become Int64 (UInt64 when
/// unsigned), DECIMAL becomes Decimal128 (Decimal256 past 38 digits), DATETIME a timestamp without zone holding
/// the wall clock, TIMESTAMP a UTC timestamp, DATE a Date32, TIME a duration, text, ENUM and SET labels and JSON
/// UTF-8 strings, and binary values Binary. An ENUM or SET whose labels are unknown keeps its number.
/// </remarks>
public sealed class RowImageAppender
{
    private readonly TableDecoder _table;
    private readonly RowColumnPlan[] _plans;
    private readonly RowValueCopier _copier = new();

    /// <summary>Plans the copy of the columns <paramref name="builder"/> materialises.</summary>
    public RowImageAppender(TableDecoder table, ChangeBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(builder);
        _table = table;
        var plans = new List<RowColumnPlan>();
        for (var i = 0; i < table.ColumnCount; i++)
        {
            if (builder.IsMaterialized(i))
            {
                plans.Add(RowColumnPlan.For(table.Columns[i]));
            }
        }

        _plans = [.. plans];
    }

    /// <summary>The table this appender copies from.</summary>
    public TableDecoder Table => _table;

    /// <summary>The change-batch columns of a table, one per column, in ordinal order.</summary>
    public static IReadOnlyList<ChangeColumn> ColumnsOf(TableDecoder table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new ChangeColumn[table.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = table.Columns[i];
            columns[i] = new ChangeColumn(column.Name, ArrowTypeOf(column));
        }

        return columns;
    }

    /// <summary>The Arrow type a column's values take in change batches.</summary>
    public static IArrowType ArrowTypeOf(ColumnInfo column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return RowColumnPlan.KindOf(column) switch
        {
            RowValueKind.Int64 => Int64Type.Default,
            RowValueKind.UInt64 => UInt64Type.Default,
            RowValueKind.Double => DoubleType.Default,
            RowValueKind.Decimal when column.Precision <= 38 => new Decimal128Type(column.Precision, column.Scale),
            RowValueKind.Decimal => new Decimal256Type(column.Precision, column.Scale),
            RowValueKind.Date => Date32Type.Default,
            RowValueKind.DateTime => new TimestampType(TimeUnit.Microsecond, (string?)null),
            RowValueKind.Timestamp => new TimestampType(TimeUnit.Microsecond, "UTC"),
            RowValueKind.Time => DurationType.Microsecond,
            RowValueKind.Binary => BinaryType.Default,
            _ => StringType.Default,
        };
    }

    /// <summary>Appends one row image with the given weight (+1 for a new image, -1 for a removed one).</summary>
    public void Append(ChangeBatchBuilder builder, in RowImage image, sbyte weight)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.BeginRow(weight);
        AppendValues(builder, image);
        builder.EndRow();
    }

    /// <summary>
    /// Appends the values of one row image to the row the caller began; the caller may append further columns
    /// (joined attributes) before it ends the row.
    /// </summary>
    public void AppendValues(ChangeBatchBuilder builder, in RowImage image)
    {
        var sink = new BatchValueSink(builder);
        foreach (var plan in _plans)
        {
            _copier.Copy(ref sink, plan.Ordinal, image, plan);
        }
    }
}
