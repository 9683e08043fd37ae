using System.Text;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Events;

/// <summary>
/// TABLE_MAP_EVENT (type 19): binds a table id to a table and describes its columns as the rows events after it
/// encode them: type codes, per-type metadata (lengths, precision, fractional digits), nullability and, when the
/// server writes it (<c>binlog_row_metadata</c>), optional metadata such as names, signedness, character sets and
/// ENUM/SET labels. Parsed once per distinct event; the <see cref="TableDecoder"/> built from it is reused.
/// </summary>
public sealed partial class TableMapEvent
{
    /// <summary>The most columns a MySQL or MariaDB table can have.</summary>
    public const int MaxColumns = 4096;

    private TableMapEvent(ulong tableId, ushort flags, string database, string table, byte[] types, ushort[] metadata,
        byte[] nullBitmap)
    {
        TableId = tableId;
        Flags = flags;
        Database = database;
        Table = table;
        ColumnTypes = types;
        ColumnMetadata = metadata;
        NullBitmap = nullBitmap;
    }

    /// <summary>The table id the following rows events refer to.</summary>
    public ulong TableId { get; }

    /// <summary>The event's flags.</summary>
    public ushort Flags { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The table name.</summary>
    public string Table { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => ColumnTypes.Count;

    /// <summary>Each column's type code as written (STRING for CHAR, ENUM and SET).</summary>
    public IReadOnlyList<byte> ColumnTypes { get; }

    /// <summary>
    /// Each column's metadata: for STRING/ENUM/SET the two bytes as (first &lt;&lt; 8 | second); for the other two-byte
    /// types the little-endian value; one-byte metadata as is; 0 for types without metadata.
    /// </summary>
    public IReadOnlyList<ushort> ColumnMetadata { get; }

    /// <summary>One bit per column, least significant first: set when the column accepts NULL.</summary>
    public IReadOnlyList<byte> NullBitmap { get; }

    /// <summary>Whether column <paramref name="index"/> accepts NULL.</summary>
    public bool IsNullable(int index) => (NullBitmap[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Reads the event from its body (without header and checksum).</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="postHeaderLength">TABLE_MAP's post-header length from the FORMAT_DESCRIPTION (6 or 8).</param>
    /// <param name="isMariaDb">Whether MariaDB wrote the event; it counts YEAR as numeric and GEOMETRY as text.</param>
    /// <param name="position">Where the event is, for errors.</param>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static TableMapEvent Read(ReadOnlySpan<byte> body, int postHeaderLength, bool isMariaDb = false,
        BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "TABLE_MAP", position);
        var tableId = postHeaderLength == 6 ? reader.ReadUInt32("table id") : reader.ReadUInt48("table id");
        var flags = reader.ReadUInt16("flags");
        if (postHeaderLength > 8)
        {
            reader.Skip(postHeaderLength - 8, "post-header");
        }

        var database = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadUInt8("database length"), "database"));
        reader.ReadUInt8("database terminator");
        var table = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadUInt8("table length"), "table"));
        reader.ReadUInt8("table terminator");
        var count = reader.ReadPackedLength("column count", MaxColumns);
        var types = reader.ReadBytes(count, "column types").ToArray();
        var metadataBlock = reader.ReadBytes(reader.ReadPackedLength("metadata length", count * 2), "metadata");
        var metadata = ReadColumnMetadata(types, metadataBlock, position);
        var nulls = reader.ReadBytes((count + 7) / 8, "null bitmap").ToArray();
        var map = new TableMapEvent(tableId, flags, database, table, types, metadata, nulls);
        map.ReadOptionalMetadata(reader.ReadRest(), isMariaDb, position);
        return map;
    }

    private static ushort[] ReadColumnMetadata(byte[] types, ReadOnlySpan<byte> block, BinlogPosition? position)
    {
        var reader = new SpanReader(block, "TABLE_MAP column metadata", position);
        var metadata = new ushort[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            metadata[i] = (ColumnType)types[i] switch
            {
                ColumnType.Float or ColumnType.Double or ColumnType.Blob or ColumnType.TinyBlob or
                    ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.Geometry or ColumnType.Json or
                    ColumnType.Timestamp2 or ColumnType.DateTime2 or ColumnType.Time2 or ColumnType.Vector
                    => reader.ReadUInt8("metadata"),
                ColumnType.String or ColumnType.Enum or ColumnType.Set
                    => (ushort)((reader.ReadUInt8("metadata") << 8) | reader.ReadUInt8("metadata")),
                ColumnType.VarChar or ColumnType.VarString or ColumnType.Bit or ColumnType.NewDecimal or
                    ColumnType.Decimal
                    => reader.ReadUInt16("metadata"),
                _ => 0,
            };
        }

        if (reader.Remaining != 0)
        {
            reader.Fail($"{reader.Remaining} metadata bytes left after the last column");
        }

        return metadata;
    }
}
