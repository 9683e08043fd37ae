using System.Text;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Tests.Support;

/// <summary>Builds TABLE_MAP and rows event bodies byte by byte, as a server writes them, for parser tests.</summary>
internal static class RowsBuilder
{
    public readonly record struct Column(ColumnType Type, ushort Meta = 0, bool Nullable = true, bool Unsigned = false);

    /// <summary>A TABLE_MAP body for table id 1, <c>d.t</c>, with
    /// a SIGNEDNESS field when any column is unsigned.</summary>
    public static byte[] TableMapBody(params Column[] columns)
    {
        var body = new List<byte> { 1, 0, 0, 0, 0, 0, 0, 0 };
        body.AddRange([1, (byte)'d', 0, 1, (byte)'t', 0]);
        body.AddRange(Packed(columns.Length));
        body.AddRange(columns.Select(c => (byte)c.Type));
        var meta = new List<byte>();
        foreach (var c in columns)
        {
            switch (c.Type)
            {
                case ColumnType.Float or ColumnType.Double or ColumnType.Blob or ColumnType.Geometry or ColumnType.Json
                    or ColumnType.Timestamp2 or ColumnType.DateTime2 or ColumnType.Time2 or ColumnType.Vector:
                    meta.Add((byte)c.Meta);
                    break;
                case ColumnType.String:
                    meta.Add((byte)(c.Meta >> 8));
                    meta.Add((byte)c.Meta);
                    break;
                case ColumnType.VarChar or ColumnType.Bit or ColumnType.NewDecimal:
                    meta.Add((byte)c.Meta);
                    meta.Add((byte)(c.Meta >> 8));
                    break;
            }
        }

        body.AddRange(Packed(meta.Count));
        body.AddRange(meta);
        var nulls = new byte[(columns.Length + 7) / 8];
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Nullable)
            {
                nulls[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        body.AddRange(nulls);
        if (columns.Any(c => c.Unsigned))
        {
            var numeric = columns.Where(c => c.Type is ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or
                ColumnType.Long or ColumnType.LongLong or ColumnType.Float or ColumnType.Double or
                ColumnType.NewDecimal).ToList();
            var bits = new byte[(numeric.Count + 7) / 8];
            for (var i = 0; i < numeric.Count; i++)
            {
                if (numeric[i].Unsigned)
                {
                    bits[i / 8] |= (byte)(0x80 >> (i % 8));
                }
            }

            body.Add(1);
            body.AddRange(Packed(bits.Length));
            body.AddRange(bits);
        }

        return [.. body];
    }

    public static TableDecoder Table(params Column[] columns) =>
        TableDecoder.Create(TableMapEvent.Read(TableMapBody(columns), 8), null);

    /// <summary>A WRITE_ROWS_V2 body whose images include every
    /// column; each image is null bitmap plus values.</summary>
    public static byte[] WriteRowsBody(int columnCount, params byte[][] images) =>
        RowsBody(columnCount, update: false, images);

    public static byte[] RowsBody(int columnCount, bool update, params byte[][] images)
    {
        var body = new List<byte> { 1, 0, 0, 0, 0, 0, 1, 0, 2, 0 };
        body.AddRange(Packed(columnCount));
        var bitmap = Enumerable.Repeat((byte)0xFF, (columnCount + 7) / 8).ToArray();
        body.AddRange(bitmap);
        if (update)
        {
            body.AddRange(bitmap);
        }

        foreach (var image in images)
        {
            body.AddRange(image);
        }

        return [.. body];
    }

    /// <summary>Decodes the single-row insert of a one-column table
    /// and hands its image to <paramref name="check"/>.</summary>
    public static T ReadSingle<T>(Column column, byte[] value, ReadImage<T> check)
    {
        var table = Table(column);
        var body = WriteRowsBody(1, [0, .. value]);
        var header = RowsEventHeader.Read(body, BinlogEventType.WriteRowsV2, 10);
        var scratch = new int[table.ScratchLength];
        var reader = new RowsEventReader(table, header, body, scratch);
        Assert.True(reader.MoveNext());
        var result = check(reader.Current.After);
        Assert.False(reader.MoveNext());
        return result;
    }

    public delegate T ReadImage<out T>(RowImage image);

    public static byte[] Packed(int value) => value switch
    {
        < 251 => [(byte)value],
        < 65536 => [0xFC, (byte)value, (byte)(value >> 8)],
        _ => [0xFD, (byte)value, (byte)(value >> 8), (byte)(value >> 16)],
    };

    public static byte[] LengthPrefixed(int prefixBytes, byte[] content)
    {
        var prefix = BitConverter.GetBytes(content.Length)[..prefixBytes];
        return [.. prefix, .. content];
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
