using System.Text;

namespace Monolith.Binlog.Rows;

/// <summary>
/// One column of a <see cref="TableDecoder"/>: how it is encoded on the wire and what its values mean, combined
/// from the TABLE_MAP, its optional metadata and the schema. Immutable.
/// </summary>
public sealed class ColumnInfo
{
    internal ColumnInfo(int ordinal, string name, bool hasName, ColumnType type, ColumnType realType, ushort metadata,
        ValueKind kind)
    {
        Ordinal = ordinal;
        Name = name;
        HasName = hasName;
        Type = type;
        RealType = realType;
        Metadata = metadata;
        Kind = kind;
    }

    /// <summary>Zero-based position in the table.</summary>
    public int Ordinal { get; }

    /// <summary>The column name, or <c>@1</c>, <c>@2</c>, ... (one-based) when it is not known.</summary>
    public string Name { get; }

    /// <summary>Whether <see cref="Name"/> is the real name.</summary>
    public bool HasName { get; }

    /// <summary>The type code in the TABLE_MAP.</summary>
    public ColumnType Type { get; }

    /// <summary>The real type: ENUM or SET for a STRING that carries them, else <see cref="Type"/>.</summary>
    public ColumnType RealType { get; }

    /// <summary>The raw TABLE_MAP metadata (see <see cref="Events.TableMapEvent.ColumnMetadata"/>).</summary>
    public ushort Metadata { get; }

    /// <summary>The logical kind, which names the accessor to read values with.</summary>
    public ValueKind Kind { get; }

    /// <summary>Whether an integer or decimal column is UNSIGNED.</summary>
    public bool IsUnsigned { get; internal init; }

    /// <summary>Whether the column accepts NULL.</summary>
    public bool IsNullable { get; internal init; }

    /// <summary>Whether the column is part of the primary key (when the metadata or the schema says).</summary>
    public bool IsPrimaryKey { get; internal init; }

    /// <summary>Whether the column is visible (false for INVISIBLE columns when the metadata says).</summary>
    public bool IsVisible { get; internal init; } = true;

    /// <summary>DECIMAL precision (total digits), else 0.</summary>
    public int Precision { get; internal init; }

    /// <summary>DECIMAL scale (digits after the point), else 0.</summary>
    public int Scale { get; internal init; }

    /// <summary>Fractional second digits of TIME, DATETIME and TIMESTAMP (0..6).</summary>
    public int FractionalDigits { get; internal init; }

    /// <summary>The number of bits of a BIT column.</summary>
    public int BitWidth { get; internal init; }

    /// <summary>Maximum byte length of CHAR/VARCHAR, or the length-prefix size of BLOB/TEXT/JSON/GEOMETRY.</summary>
    public int MaxLength { get; internal init; }

    /// <summary>
    /// The declared byte length of a fixed-length binary string (BINARY(n), and MariaDB's UUID, INET4 and INET6,
    /// which are stored as such), else 0. The binlog drops the trailing zero bytes of these values;
    /// <see cref="RowImage.GetPaddedBytes"/> puts them back.
    /// </summary>
    public int FixedLength { get; internal init; }

    /// <summary>The type the schema declares (information_schema's DATA_TYPE: <c>int</c>, <c>uuid</c>, ...), when
    /// a schema was given.</summary>
    public string? DataType { get; internal init; }

    /// <summary>The text form of a binary column that SQL shows as text (MariaDB UUID, INET4, INET6).</summary>
    public BinaryTextFormat BinaryTextFormat { get; internal init; }

    /// <summary>The collation id when known from the metadata, else 0.</summary>
    public int CollationId { get; internal init; }

    /// <summary>The character set of text values.</summary>
    public CharacterSet Charset { get; internal init; }

    /// <summary>The character set's name when known (<c>utf8mb4</c>, <c>latin1</c>, ...).</summary>
    public string? CharsetName { get; internal init; }

    /// <summary>The encoding that turns text values into strings (UTF-8 when the charset is unknown).</summary>
    public Encoding TextEncoding { get; internal init; } = Encoding.UTF8;

    /// <summary>Whether text values are UTF-8 byte for byte, so their raw bytes can be used as UTF-8.</summary>
    public bool IsUtf8 => Charsets.IsUtf8Compatible(Charset);

    /// <summary>The labels of an ENUM or SET column in declaration order, when known.</summary>
    public IReadOnlyList<string>? Labels { get; internal init; }

    /// <summary>The geometry subtype (0 GEOMETRY, 1 POINT, ...) when the metadata says, else -1.</summary>
    public int GeometryType { get; internal init; } = -1;

    /// <summary>The dimension of a VECTOR column when the metadata says, else 0.</summary>
    public int VectorDimensions { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {RealType} ({Kind})";
}
