using System.Text;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Events;

/// <summary>The optional metadata part of TABLE_MAP (<c>binlog_row_metadata=MINIMAL</c> or <c>FULL</c>).</summary>
public sealed partial class TableMapEvent
{
    private const int MaxNameLength = 256;
    private const int MaxLabels = 65535;

    /// <summary>The optional metadata field ids present, in the order written (1 SIGNEDNESS ... 13 VECTOR).</summary>
    public IReadOnlyList<int> OptionalMetadataFields { get; private set; } = [];

    /// <summary>Per column: whether it is UNSIGNED; null when the server did not say (no SIGNEDNESS field).</summary>
    public IReadOnlyList<bool>? Unsigned { get; private set; }

    /// <summary>Per column: the collation id of a text, ENUM or SET
    /// column (0 for other columns); null when unknown.</summary>
    public IReadOnlyList<int>? Collations { get; private set; }

    /// <summary>Per column: its name; null when the server did not write names.</summary>
    public IReadOnlyList<string>? ColumnNames { get; private set; }

    /// <summary>Per column: the labels of an ENUM or SET column
    /// (null for other columns); null when not written.</summary>
    public IReadOnlyList<IReadOnlyList<string>?>? Labels { get; private set; }

    /// <summary>Per column: the geometry subtype (0 GEOMETRY, 1 POINT,
    /// ...), -1 for other columns; null when not written.</summary>
    public IReadOnlyList<int>? GeometryTypes { get; private set; }

    /// <summary>The primary key's column ordinals, in key order; null when not written.</summary>
    public IReadOnlyList<int>? PrimaryKey { get; private set; }

    /// <summary>The prefix length of each primary key column (0 for a whole column); null when not written.</summary>
    public IReadOnlyList<int>? PrimaryKeyPrefixes { get; private set; }

    /// <summary>Per column: whether it is visible (not INVISIBLE); null when not written.</summary>
    public IReadOnlyList<bool>? Visible { get; private set; }

    /// <summary>Per column: the dimension of a VECTOR column (0 for others); null when not written.</summary>
    public IReadOnlyList<int>? VectorDimensions { get; private set; }

    /// <summary>The real type of column <paramref name="i"/>:
    /// STRING columns carrying ENUM or SET report those.</summary>
    public ColumnType GetRealType(int i)
    {
        var type = (ColumnType)ColumnTypes[i];
        if (type == ColumnType.String)
        {
            var real = (ColumnType)(ColumnMetadata[i] >> 8);
            if (real is ColumnType.Enum or ColumnType.Set)
            {
                return real;
            }
        }

        return type;
    }

    private bool IsNumeric(int i, bool isMariaDb) => GetRealType(i) switch
    {
        ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or ColumnType.Long or ColumnType.LongLong or
            ColumnType.Float or ColumnType.Double or ColumnType.NewDecimal or ColumnType.Decimal => true,
        ColumnType.Year => isMariaDb,
        _ => false,
    };

    private bool IsCharacter(int i, bool isMariaDb) => GetRealType(i) switch
    {
        ColumnType.String or ColumnType.VarString or ColumnType.VarChar or ColumnType.Blob or ColumnType.TinyBlob or
            ColumnType.MediumBlob or ColumnType.LongBlob => true,
        ColumnType.Geometry => isMariaDb,
        _ => false,
    };

    private bool IsEnumOrSet(int i) => GetRealType(i) is ColumnType.Enum or ColumnType.Set;

    private void ReadOptionalMetadata(ReadOnlySpan<byte> tail, bool isMariaDb, BinlogPosition? position)
    {
        var reader = new SpanReader(tail, "TABLE_MAP optional metadata", position);
        var fields = new List<int>();
        int[]? charsets = null, enumSetCharsets = null;
        while (reader.Remaining > 0)
        {
            var type = reader.ReadUInt8("field type");
            var value = reader.ReadPackedBytes("field value");
            var field = new SpanReader(value, $"TABLE_MAP optional metadata field {type}", position);
            fields.Add(type);
            switch (type)
            {
                case 1:
                    Unsigned = ReadBits(ref field, i => IsNumeric(i, isMariaDb));
                    break;
                case 2:
                    charsets = ReadDefaultCharsets(ref field, i => IsCharacter(i, isMariaDb));
                    break;
                case 3:
                    charsets = ReadColumnCharsets(ref field, i => IsCharacter(i, isMariaDb));
                    break;
                case 4:
                    ColumnNames = ReadNames(ref field);
                    break;
                case 5:
                    Labels = ReadLabels(ref field, ColumnType.Set, Labels);
                    break;
                case 6:
                    Labels = ReadLabels(ref field, ColumnType.Enum, Labels);
                    break;
                case 7:
                    GeometryTypes = ReadPerColumn(ref field, i => GetRealType(i) == ColumnType.Geometry, -1);
                    break;
                case 8:
                    ReadSimplePrimaryKey(ref field);
                    break;
                case 9:
                    ReadPrefixedPrimaryKey(ref field);
                    break;
                case 10:
                    enumSetCharsets = ReadDefaultCharsets(ref field, IsEnumOrSet);
                    break;
                case 11:
                    enumSetCharsets = ReadColumnCharsets(ref field, IsEnumOrSet);
                    break;
                case 12:
                    Visible = ReadBits(ref field, static _ => true);
                    break;
                case 13:
                    VectorDimensions = ReadPerColumn(ref field, i => GetRealType(i) == ColumnType.Vector, 0);
                    break;
            }
        }

        OptionalMetadataFields = fields;
        if (charsets is not null || enumSetCharsets is not null)
        {
            var merged = new int[ColumnCount];
            for (var i = 0; i < merged.Length; i++)
            {
                merged[i] = (charsets?[i] ?? 0) != 0 ? charsets![i] : enumSetCharsets?[i] ?? 0;
            }

            Collations = merged;
        }
    }

    /// <summary>A bitmap, most significant bit first, with one
    /// bit per column that <paramref name="applies"/>.</summary>
    private bool[] ReadBits(ref SpanReader field, Func<int, bool> applies)
    {
        var bits = new bool[ColumnCount];
        var bitmap = field.ReadRest();
        var n = 0;
        for (var i = 0; i < ColumnCount; i++)
        {
            if (!applies(i))
            {
                continue;
            }

            if (n / 8 >= bitmap.Length)
            {
                field.Fail($"bitmap of {bitmap.Length} bytes is too short for column {i}");
            }

            bits[i] = (bitmap[n / 8] & (0x80 >> (n % 8))) != 0;
            n++;
        }

        return bits;
    }

    /// <summary>A default collation, then (index among applicable
    /// columns, collation) pairs for the exceptions.</summary>
    private int[] ReadDefaultCharsets(ref SpanReader field, Func<int, bool> applies)
    {
        var defaultCollation = ReadCollation(ref field);
        var exceptions = new Dictionary<int, int>();
        while (field.Remaining > 0)
        {
            var index = field.ReadPackedLength("column index", MaxColumns);
            exceptions[index] = ReadCollation(ref field);
        }

        var result = new int[ColumnCount];
        var n = 0;
        for (var i = 0; i < ColumnCount; i++)
        {
            if (applies(i))
            {
                result[i] = exceptions.TryGetValue(n, out var collation) ? collation : defaultCollation;
                n++;
            }
        }

        return result;
    }

    private int[] ReadColumnCharsets(ref SpanReader field, Func<int, bool> applies)
    {
        var result = new int[ColumnCount];
        for (var i = 0; i < ColumnCount; i++)
        {
            if (applies(i))
            {
                result[i] = ReadCollation(ref field);
            }
        }

        return result;
    }

    private static int ReadCollation(ref SpanReader field) => field.ReadPackedLength("collation", ushort.MaxValue);

    private string[] ReadNames(ref SpanReader field)
    {
        var names = new string[ColumnCount];
        for (var i = 0; i < names.Length; i++)
        {
            var length = field.ReadPackedLength("column name length", MaxNameLength);
            names[i] = Encoding.UTF8.GetString(field.ReadBytes(length, "column name"));
        }

        return names;
    }

    private IReadOnlyList<IReadOnlyList<string>?> ReadLabels(ref SpanReader field, ColumnType kind,
        IReadOnlyList<IReadOnlyList<string>?>? existing)
    {
        var labels = existing is null ? new IReadOnlyList<string>?[ColumnCount] : existing.ToArray();
        for (var i = 0; i < ColumnCount; i++)
        {
            if (GetRealType(i) != kind)
            {
                continue;
            }

            var count = field.ReadPackedLength("label count", MaxLabels);
            if (count > field.Remaining)
            {
                field.Fail($"{count} labels cannot fit in {field.Remaining} bytes");
            }

            var values = new string[count];
            for (var k = 0; k < count; k++)
            {
                var length = field.ReadPackedLength("label length", field.Remaining);
                values[k] = Encoding.UTF8.GetString(field.ReadBytes(length, "label"));
            }

            labels[i] = values;
        }

        return labels;
    }

    private int[] ReadPerColumn(ref SpanReader field, Func<int, bool> applies, int otherwise)
    {
        var values = new int[ColumnCount];
        for (var i = 0; i < ColumnCount; i++)
        {
            values[i] = applies(i) ? field.ReadPackedLength("value", int.MaxValue) : otherwise;
        }

        return values;
    }

    private void ReadSimplePrimaryKey(ref SpanReader field)
    {
        var key = new List<int>();
        while (field.Remaining > 0)
        {
            key.Add(ReadColumnIndex(ref field));
        }

        PrimaryKey = key;
        PrimaryKeyPrefixes = new int[key.Count];
    }

    private void ReadPrefixedPrimaryKey(ref SpanReader field)
    {
        var key = new List<int>();
        var prefixes = new List<int>();
        while (field.Remaining > 0)
        {
            key.Add(ReadColumnIndex(ref field));
            prefixes.Add(field.ReadPackedLength("prefix length", int.MaxValue));
        }

        PrimaryKey = key;
        PrimaryKeyPrefixes = prefixes;
    }

    private int ReadColumnIndex(ref SpanReader field)
    {
        var index = field.ReadPackedLength("primary key column", MaxColumns);
        if (index >= ColumnCount)
        {
            field.Fail($"primary key column {index} does not exist in a table of {ColumnCount} columns");
        }

        return index;
    }
}
