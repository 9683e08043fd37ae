using System.Buffers;
using System.Text;
using System.Text.Json;
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
    private readonly ColumnPlan[] _plans;
    private readonly ArrayBufferWriter<byte> _text = new(256);
    private readonly Utf8JsonWriter _json;
    private char[] _chars = new char[256];

    /// <summary>Plans the copy of the columns <paramref name="builder"/> materialises.</summary>
    public RowImageAppender(TableDecoder table, ChangeBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(builder);
        _table = table;
        _json = new Utf8JsonWriter(_text);
        var plans = new List<ColumnPlan>();
        for (var i = 0; i < table.ColumnCount; i++)
        {
            if (builder.IsMaterialized(i))
            {
                plans.Add(ColumnPlan.For(table.Columns[i]));
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
        return ColumnPlan.KindOf(column) switch
        {
            AppendKind.Int64 => Int64Type.Default,
            AppendKind.UInt64 => UInt64Type.Default,
            AppendKind.Double => DoubleType.Default,
            AppendKind.Decimal when column.Precision <= 38 => new Decimal128Type(column.Precision, column.Scale),
            AppendKind.Decimal => new Decimal256Type(column.Precision, column.Scale),
            AppendKind.Date => Date32Type.Default,
            AppendKind.DateTime => new TimestampType(TimeUnit.Microsecond, (string?)null),
            AppendKind.Timestamp => new TimestampType(TimeUnit.Microsecond, "UTC"),
            AppendKind.Time => DurationType.Microsecond,
            AppendKind.Binary => BinaryType.Default,
            _ => StringType.Default,
        };
    }

    /// <summary>Appends one row image with the given weight (+1 for a new image, -1 for a removed one).</summary>
    public void Append(ChangeBatchBuilder builder, in RowImage image, sbyte weight)
    {
        builder.BeginRow(weight);
        foreach (var plan in _plans)
        {
            var c = plan.Ordinal;
            if (!image.IsPresent(c) || image.IsNull(c))
            {
                builder.AppendNull(c);
                continue;
            }

            switch (plan.Kind)
            {
                case AppendKind.Int64:
                    builder.AppendInt64(c, image.GetInt64(c));
                    break;
                case AppendKind.UInt64:
                    builder.AppendUInt64(c, image.GetUInt64(c));
                    break;
                case AppendKind.Double:
                    builder.AppendDouble(c, image.GetDouble(c));
                    break;
                case AppendKind.Decimal:
                    AppendDecimal(builder, image, c);
                    break;
                case AppendKind.Date:
                    var date = image.GetDateTime(c);
                    builder.AppendDate(c, date.Year, date.Month, date.Day);
                    break;
                case AppendKind.DateTime:
                    var dt = image.GetDateTime(c);
                    builder.AppendDateTime(c, dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute, dt.Second, dt.Microsecond);
                    break;
                case AppendKind.Timestamp:
                    builder.AppendTimestampMicros(c, image.GetTimestampMicroseconds(c));
                    break;
                case AppendKind.Time:
                    builder.AppendTimeMicros(c, image.GetTimeMicroseconds(c));
                    break;
                case AppendKind.Utf8Text or AppendKind.Binary:
                    builder.AppendBytes(c, image.GetBytes(c));
                    break;
                case AppendKind.EncodedText:
                    builder.AppendBytes(c, ToUtf8(image.GetBytes(c), plan.Encoding!));
                    break;
                case AppendKind.EnumLabel:
                    AppendLabel(builder, c, plan, image.GetInt64(c));
                    break;
                case AppendKind.SetLabels:
                    AppendSet(builder, c, plan, image.GetUInt64(c));
                    break;
                case AppendKind.BinaryJson:
                    _text.ResetWrittenCount();
                    _json.Reset(_text);
                    image.WriteJson(c, _json);
                    _json.Flush();
                    builder.AppendBytes(c, _text.WrittenSpan);
                    break;
                default:
                    builder.AppendNull(c);
                    break;
            }
        }

        builder.EndRow();
    }

    private static void AppendDecimal(ChangeBatchBuilder builder, in RowImage image, int column)
    {
        if (image.TryGetDecimal(column, out var unscaled, out var scale))
        {
            builder.AppendDecimal(column, unscaled, scale);
            return;
        }

        Span<byte> text = stackalloc byte[80];
        var length = image.FormatDecimal(column, text);
        builder.AppendDecimalText(column, text[..length]);
    }

    private static void AppendLabel(ChangeBatchBuilder builder, int column, ColumnPlan plan, long index)
    {
        // ENUM index 0 is the empty string MySQL stores for an invalid value.
        var labels = plan.Labels!;
        builder.AppendBytes(column, index >= 1 && index <= labels.Length ? labels[index - 1] : []);
    }

    private void AppendSet(ChangeBatchBuilder builder, int column, ColumnPlan plan, ulong bits)
    {
        var labels = plan.Labels!;
        _text.ResetWrittenCount();
        var first = true;
        for (var i = 0; i < labels.Length && bits != 0; i++, bits >>= 1)
        {
            if ((bits & 1) == 0)
            {
                continue;
            }

            if (!first)
            {
                _text.Write(","u8);
            }

            _text.Write(labels[i]);
            first = false;
        }

        builder.AppendBytes(column, _text.WrittenSpan);
    }

    private ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var charCount = encoding.GetMaxCharCount(bytes.Length);
        if (_chars.Length < charCount)
        {
            _chars = new char[Math.Max(charCount, _chars.Length * 2)];
        }

        var chars = encoding.GetChars(bytes, _chars);
        _text.ResetWrittenCount();
        var written = Encoding.UTF8.GetBytes(_chars.AsSpan(0, chars), _text.GetSpan(Encoding.UTF8.GetMaxByteCount(chars)));
        _text.Advance(written);
        return _text.WrittenSpan;
    }

    internal enum AppendKind : byte
    {
        Null,
        Int64,
        UInt64,
        Double,
        Decimal,
        Date,
        DateTime,
        Timestamp,
        Time,
        Utf8Text,
        EncodedText,
        Binary,
        EnumLabel,
        SetLabels,
        BinaryJson,
    }

    private sealed record ColumnPlan(int Ordinal, AppendKind Kind, Encoding? Encoding, byte[][]? Labels)
    {
        public static ColumnPlan For(ColumnInfo column)
        {
            var kind = KindOf(column);
            var labels = column.Labels?.Select(label => Encoding.UTF8.GetBytes(label)).ToArray();
            return new ColumnPlan(column.Ordinal, kind, kind == AppendKind.EncodedText ? column.TextEncoding : null,
                labels);
        }

        public static AppendKind KindOf(ColumnInfo column) => column.Kind switch
        {
            ValueKind.SignedInteger or ValueKind.Year => column.IsUnsigned ? AppendKind.UInt64 : AppendKind.Int64,
            ValueKind.UnsignedInteger or ValueKind.Bit => AppendKind.UInt64,
            ValueKind.Float or ValueKind.Double => AppendKind.Double,
            ValueKind.Decimal => AppendKind.Decimal,
            ValueKind.Date => AppendKind.Date,
            ValueKind.DateTime => AppendKind.DateTime,
            ValueKind.Timestamp => AppendKind.Timestamp,
            ValueKind.Time => AppendKind.Time,
            ValueKind.Text => column.IsUtf8 ? AppendKind.Utf8Text : AppendKind.EncodedText,
            ValueKind.Json => column.Type == ColumnType.Json ? AppendKind.BinaryJson : AppendKind.Utf8Text,
            ValueKind.Enum => column.Labels is { Count: > 0 } ? AppendKind.EnumLabel : AppendKind.Int64,
            ValueKind.Set => column.Labels is { Count: > 0 } ? AppendKind.SetLabels : AppendKind.UInt64,
            ValueKind.Binary or ValueKind.Geometry or ValueKind.Vector => AppendKind.Binary,
            _ => AppendKind.Null,
        };
    }
}
