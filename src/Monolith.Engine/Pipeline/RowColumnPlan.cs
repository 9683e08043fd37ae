using System.Text;
using Monolith.Binlog.Rows;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// How one column of a table decoder is copied: its ordinal, the kind of read and append, and what the conversion
/// needs (the character set of non-UTF-8 text, the labels of an ENUM or SET, the precision and scale of a DECIMAL,
/// the fractional digits of a DATETIME2). Worked out once per decoder.
/// </summary>
internal sealed record RowColumnPlan(int Ordinal, RowValueKind Kind, Encoding? Encoding, byte[][]? Labels,
    int Precision = 0, int Scale = 0, int FractionalDigits = 0)
{
    public static RowColumnPlan For(ColumnInfo column)
    {
        var kind = KindOf(column);
        var labels = column.Labels?.Select(label => Encoding.UTF8.GetBytes(label)).ToArray();

        // The common encodings are read from their packed bytes; the general accessors take the rest.
        kind = kind switch
        {
            RowValueKind.DateTime when column.RealType == ColumnType.DateTime2 => RowValueKind.PackedDateTime,
            RowValueKind.Decimal when column.Precision is >= 1 and <= 18 => RowValueKind.PackedDecimal,
            _ => kind,
        };
        return new RowColumnPlan(column.Ordinal, kind, kind == RowValueKind.EncodedText ? column.TextEncoding : null,
            labels, column.Precision, column.Scale, column.FractionalDigits);
    }

    public static RowValueKind KindOf(ColumnInfo column) => column.Kind switch
    {
        ValueKind.SignedInteger or ValueKind.Year => column.IsUnsigned ? RowValueKind.UInt64 : RowValueKind.Int64,
        ValueKind.UnsignedInteger or ValueKind.Bit => RowValueKind.UInt64,
        ValueKind.Float or ValueKind.Double => RowValueKind.Double,
        ValueKind.Decimal => RowValueKind.Decimal,
        ValueKind.Date => RowValueKind.Date,
        ValueKind.DateTime => RowValueKind.DateTime,
        ValueKind.Timestamp => RowValueKind.Timestamp,
        ValueKind.Time => RowValueKind.Time,
        ValueKind.Text => column.IsUtf8 ? RowValueKind.Utf8Text : RowValueKind.EncodedText,
        ValueKind.Json => column.Type == ColumnType.Json ? RowValueKind.BinaryJson : RowValueKind.Utf8Text,
        ValueKind.Enum => column.Labels is { Count: > 0 } ? RowValueKind.EnumLabel : RowValueKind.Int64,
        ValueKind.Set => column.Labels is { Count: > 0 } ? RowValueKind.SetLabels : RowValueKind.UInt64,
        ValueKind.Binary or ValueKind.Geometry or ValueKind.Vector => RowValueKind.Binary,
        _ => RowValueKind.Null,
    };
}
