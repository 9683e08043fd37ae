using Monolith.Binlog.Events;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Rows;

/// <summary>How a <see cref="TableDecoder"/> derives each column from the TABLE_MAP and the schema.</summary>
public sealed partial class TableDecoder
{
    private static (ColumnInfo Column, int Layout) BuildColumn(TableMapEvent map, int i, ColumnSchema? schema,
        BinlogPosition? position)
    {
        var type = (ColumnType)map.ColumnTypes[i];
        var meta = map.ColumnMetadata[i];
        var real = map.GetRealType(i);
        var names = map.ColumnNames;
        var hasName = names is not null || schema is not null;
        var name = names?[i] ?? schema?.Name ?? $"@{i + 1}";
        var unsigned = map.Unsigned?[i] ?? schema?.IsUnsigned ?? false;
        var collation = map.Collations?[i] ?? 0;
        var charsetName = collation != 0 ? Charsets.GetCharsetName(collation) : schema?.CharacterSet;
        var charset = Charsets.FromName(charsetName);
        var dataType = schema?.DataType.ToLowerInvariant();
        if (charset == CharacterSet.Unknown && dataType is not null && IsBinaryDataType(dataType))
        {
            charset = CharacterSet.Binary;
            charsetName = "binary";
        }

        int precision = 0, scale = 0, fsp = 0, bits = 0, maxLength = 0;
        int layout;
        ValueKind kind;
        switch (real)
        {
            case ColumnType.Tiny:
                (layout, kind) = (1, Integer(unsigned));
                break;
            case ColumnType.Short:
                (layout, kind) = (2, Integer(unsigned));
                break;
            case ColumnType.Int24:
                (layout, kind) = (3, Integer(unsigned));
                break;
            case ColumnType.Long:
                (layout, kind) = (4, Integer(unsigned));
                break;
            case ColumnType.LongLong:
                (layout, kind) = (8, Integer(unsigned));
                break;
            case ColumnType.Float:
                (layout, kind) = (4, ValueKind.Float);
                break;
            case ColumnType.Double:
                (layout, kind) = (8, ValueKind.Double);
                break;
            case ColumnType.NewDecimal:
                precision = meta & 0xFF;
                scale = meta >> 8;
                if (precision is < 1 or > DecimalCodec.MaxPrecision || scale > DecimalCodec.MaxScale ||
                    scale > precision)
                {
                    Fail(map, i, $"DECIMAL precision {precision} and scale {scale} are out of range", position);
                }

                (layout, kind) = (DecimalCodec.BinarySize(precision, scale), ValueKind.Decimal);
                break;
            case ColumnType.Year:
                (layout, kind) = (1, ValueKind.Year);
                break;
            case ColumnType.Date:
            case ColumnType.NewDate:
                (layout, kind) = (3, ValueKind.Date);
                break;
            case ColumnType.Time:
                (layout, kind) = (3, ValueKind.Time);
                break;
            case ColumnType.DateTime:
                (layout, kind) = (8, ValueKind.DateTime);
                break;
            case ColumnType.Timestamp:
                (layout, kind) = (4, ValueKind.Timestamp);
                break;
            case ColumnType.Time2:
            case ColumnType.DateTime2:
            case ColumnType.Timestamp2:
                fsp = meta;
                if (fsp > 6)
                {
                    Fail(map, i, $"fractional seconds precision {fsp} is above 6", position);
                }

                layout = (real == ColumnType.DateTime2 ? 5 : real == ColumnType.Time2 ? 3 : 4) + ((fsp + 1) / 2);
                kind = real switch
                {
                    ColumnType.Time2 => ValueKind.Time,
                    ColumnType.DateTime2 => ValueKind.DateTime,
                    _ => ValueKind.Timestamp,
                };
                break;
            case ColumnType.Bit:
                bits = ((meta >> 8) * 8) + (meta & 0xFF);
                if (bits is < 1 or > 64)
                {
                    Fail(map, i, $"BIT width {bits} is outside 1..64", position);
                }

                (layout, kind) = ((bits + 7) / 8, ValueKind.Bit);
                break;
            case ColumnType.Enum:
            case ColumnType.Set:
                maxLength = meta & 0xFF;
                if (real == ColumnType.Enum ? maxLength is not (1 or 2) : maxLength is < 1 or > 8)
                {
                    Fail(map, i, $"{real} pack length {maxLength} is invalid", position);
                }

                (layout, kind) = (maxLength, real == ColumnType.Enum ? ValueKind.Enum : ValueKind.Set);
                break;
            case ColumnType.String:
                maxLength = StringLength(meta);
                (layout, kind) = (maxLength > 255 ? -2 : -1, TextKind(charset));
                break;
            case ColumnType.VarChar:
            case ColumnType.VarString:
                maxLength = meta;
                (layout, kind) = (maxLength > 255 ? -2 : -1, TextKind(charset));
                break;
            case ColumnType.Blob:
            case ColumnType.TinyBlob:
            case ColumnType.MediumBlob:
            case ColumnType.LongBlob:
            case ColumnType.Geometry:
            case ColumnType.Json:
            case ColumnType.Vector:
                maxLength = meta != 0 ? meta : real switch
                {
                    ColumnType.TinyBlob => 1,
                    ColumnType.MediumBlob => 3,
                    ColumnType.LongBlob => 4,
                    _ => 2,
                };
                if (maxLength is < 1 or > 4)
                {
                    Fail(map, i, $"length prefix of {maxLength} bytes is outside 1..4", position);
                }

                layout = -maxLength;
                kind = real switch
                {
                    ColumnType.Geometry => ValueKind.Geometry,
                    ColumnType.Json => ValueKind.Json,
                    ColumnType.Vector => ValueKind.Vector,

                    // MariaDB's JSON is LONGTEXT with a json_valid check; only the schema says it is JSON.
                    _ when dataType == "json" => ValueKind.Json,
                    _ => TextKind(charset),
                };
                break;
            case ColumnType.Null:
                (layout, kind) = (0, ValueKind.Null);
                break;
            default:
                Fail(map, i, $"column type {(byte)type} cannot be decoded from row events", position);
                return default;
        }

        if (kind == ValueKind.Binary)
        {
            charset = CharacterSet.Binary;
            charsetName = "binary";
        }

        var fixedLength = kind == ValueKind.Binary && real == ColumnType.String ? maxLength : 0;
        var textFormat = kind != ValueKind.Binary ? BinaryTextFormat.None : dataType switch
        {
            "uuid" when fixedLength == 16 => BinaryTextFormat.Uuid,
            "inet6" when fixedLength == 16 => BinaryTextFormat.Inet6,
            "inet4" when fixedLength == 4 => BinaryTextFormat.Inet4,
            _ => BinaryTextFormat.None,
        };
        var labels = map.Labels?[i] ?? schema?.Labels;
        var column = new ColumnInfo(i, name, hasName, type, real, meta, kind)
        {
            IsUnsigned = unsigned,
            IsNullable = map.IsNullable(i),
            IsPrimaryKey = map.PrimaryKey?.Contains(i) ?? schema?.IsPrimaryKey ?? false,
            IsVisible = map.Visible?[i] ?? true,
            Precision = precision,
            Scale = scale,
            FractionalDigits = fsp,
            BitWidth = bits,
            MaxLength = maxLength,
            FixedLength = fixedLength,
            DataType = dataType,
            BinaryTextFormat = textFormat,
            CollationId = collation,
            Charset = charset,
            CharsetName = charsetName,
            TextEncoding = Charsets.GetEncoding(charset, charsetName),
            Labels = kind is ValueKind.Enum or ValueKind.Set ? labels : null,
            GeometryType = map.GeometryTypes?[i] ?? -1,
            VectorDimensions = map.VectorDimensions?[i] ?? 0,
        };
        return (column, layout);
    }

    private static ValueKind Integer(bool unsigned) =>
        unsigned ? ValueKind.UnsignedInteger : ValueKind.SignedInteger;

    private static ValueKind TextKind(CharacterSet charset) =>
        charset == CharacterSet.Binary ? ValueKind.Binary : ValueKind.Text;

    /// <summary>
    /// CHAR's byte length: its metadata's first byte holds the real type, and for lengths above 255 two bits of
    /// the length are folded into that byte's 0x30 bits (inverted).
    /// </summary>
    private static int StringLength(ushort meta)
    {
        var first = meta >> 8;
        var second = meta & 0xFF;
        return (first & 0x30) != 0x30 ? (((first & 0x30) ^ 0x30) << 4) | second : second;
    }

    private static bool IsBinaryDataType(string dataType) => dataType is "binary" or "varbinary" or "tinyblob"
        or "blob" or "mediumblob" or "longblob" or "uuid" or "inet4" or "inet6";

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(TableMapEvent map, int column, string message, BinlogPosition? position) =>
        ThrowHelper.ThrowFormat($"TABLE_MAP {map.Database}.{map.Table} column @{column + 1}: {message}", position);

    /// <summary>Why a schema does not describe the TABLE_MAP's columns, or null when it does.</summary>
    private static string? DescribeMismatch(TableMapEvent map, TableSchema schema)
    {
        if (schema.Columns.Count != map.ColumnCount)
        {
            return $"the schema of {schema.Database}.{schema.Table} has {schema.Columns.Count} columns, " +
                $"the TABLE_MAP {map.ColumnCount}";
        }

        for (var i = 0; i < map.ColumnCount; i++)
        {
            var column = schema.Columns[i];
            if (!IsCompatible(column.DataType, map.GetRealType(i)))
            {
                return $"column {column.Name} is {column.DataType} in the schema but type {map.GetRealType(i)} " +
                    "in the TABLE_MAP";
            }
        }

        return null;
    }

    private static bool IsCompatible(string dataType, ColumnType type) => dataType.ToLowerInvariant() switch
    {
        "tinyint" or "bool" or "boolean" => type == ColumnType.Tiny,
        "smallint" => type == ColumnType.Short,
        "mediumint" => type == ColumnType.Int24,
        "int" or "integer" => type == ColumnType.Long,
        "bigint" => type == ColumnType.LongLong,
        "float" => type == ColumnType.Float,
        "double" or "real" or "double precision" => type == ColumnType.Double,
        "decimal" or "numeric" or "dec" or "fixed" => type is ColumnType.NewDecimal or ColumnType.Decimal,
        "year" => type == ColumnType.Year,
        "date" => type is ColumnType.Date or ColumnType.NewDate,
        "time" => type is ColumnType.Time or ColumnType.Time2,
        "datetime" => type is ColumnType.DateTime or ColumnType.DateTime2,
        "timestamp" => type is ColumnType.Timestamp or ColumnType.Timestamp2,
        "char" or "binary" or "uuid" or "inet6" or "inet4" => type == ColumnType.String,
        "varchar" or "varbinary" => type is ColumnType.VarChar or ColumnType.VarString,
        "tinytext" or "text" or "mediumtext" or "longtext" or "tinyblob" or "blob" or "mediumblob" or "longblob"
            => type is ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob,
        "json" => type is ColumnType.Json or ColumnType.Blob,
        "enum" => type == ColumnType.Enum,
        "set" => type == ColumnType.Set,
        "bit" => type == ColumnType.Bit,
        "vector" => type == ColumnType.Vector,
        "geometry" or "point" or "linestring" or "polygon" or "multipoint" or "multilinestring" or "multipolygon"
            or "geometrycollection" or "geomcollection" => type == ColumnType.Geometry,
        _ => false,
    };
}
