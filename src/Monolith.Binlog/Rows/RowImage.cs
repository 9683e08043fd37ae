using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Rows;

/// <summary>
/// One image (before or after) of a changed row. Values are read straight from the event bytes through typed
/// accessors that allocate nothing, except those that explicitly return strings. Valid until the reader that made
/// it moves on.
/// </summary>
public readonly ref partial struct RowImage
{
    private readonly TableDecoder? _table;
    private readonly ReadOnlySpan<byte> _data;
    private readonly ReadOnlySpan<int> _slots;
    private readonly ReadOnlySpan<int> _beforeSlots;
    private readonly BinlogPosition? _position;

    internal RowImage(TableDecoder table, ReadOnlySpan<byte> data, ReadOnlySpan<int> slots,
        ReadOnlySpan<int> beforeSlots, BinlogPosition? position)
    {
        _table = table;
        _data = data;
        _slots = slots;
        _beforeSlots = beforeSlots;
        _position = position;
    }

    /// <summary>Whether this image exists (false for the before image
    /// of an insert and the after image of a delete).</summary>
    public bool Exists => _table is not null;

    /// <summary>The table's decoder.</summary>
    public TableDecoder Table => _table ?? ThrowHelper.ThrowInvalidOperation<TableDecoder>("The image does not exist");

    /// <summary>The number of columns in the table.</summary>
    public int ColumnCount => _table?.ColumnCount ?? 0;

    /// <summary>The description of column <paramref name="column"/>.</summary>
    public ColumnInfo GetColumn(int column) => Table.ColumnAt(column);

    /// <summary>Whether the column is in this image (MINIMAL and NOBLOB images leave columns out).</summary>
    public bool IsPresent(int column) => _slots[2 * column] != -1;

    /// <summary>Whether the column is in this image and NULL.</summary>
    public bool IsNull(int column) => _slots[2 * column] == -2;

    /// <summary>Whether a JSON column holds a partial update (a
    /// diff against the before image) instead of a value.</summary>
    public bool IsPartialJson(int column) => _slots[2 * column] <= -3;

    /// <summary>The raw value bytes: the content of strings, BLOBs, JSON, GEOMETRY and VECTOR without the length
    /// prefix, or the fixed-width encoding of other types.</summary>
    /// <exception cref="InvalidOperationException">The column is absent or NULL.</exception>
    public ReadOnlySpan<byte> GetBytes(int column)
    {
        var (start, length) = Slot(column);
        return _data.Slice(start, length);
    }

    /// <summary>
    /// A signed integer: TINYINT..BIGINT (unsigned ones up to <see cref="long.MaxValue"/>), YEAR (0 or
    /// 1901..2155), the ENUM index, the SET bitmap or BIT value up to <see cref="long.MaxValue"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is
    /// absent, NULL or not of an integer-like kind.</exception>
    /// <exception cref="OverflowException">An unsigned value above <see cref="long.MaxValue"/>.</exception>
    public long GetInt64(int column)
    {
        var kind = Table.KindOf(column);
        var bytes = GetBytes(column);
        switch (kind)
        {
            case ValueKind.SignedInteger:
                return bytes.Length switch
                {
                    1 => (sbyte)bytes[0],
                    2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                    3 => ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) << 8) >> 8,
                    4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                };
            case ValueKind.Year:
                return bytes[0] == 0 ? 0 : 1900 + bytes[0];
            case ValueKind.UnsignedInteger:
            case ValueKind.Enum:
            case ValueKind.Set:
            case ValueKind.Bit:
                var value = GetUInt64(column);
                return value <= long.MaxValue
                    ? (long)value
                    : throw new OverflowException($"Column {GetColumn(column).Name} holds {value}, above Int64");
            default:
                return WrongKind<long>(column, "GetInt64");
        }
    }

    /// <summary>
    /// An unsigned integer: TINYINT..BIGINT UNSIGNED (to 2^64-1), BIT(1..64), the SET bitmap, the ENUM index,
    /// YEAR, or a non-negative signed integer.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is
    /// absent, NULL or not of an integer-like kind.</exception>
    /// <exception cref="OverflowException">A negative signed value.</exception>
    public ulong GetUInt64(int column)
    {
        var kind = Table.KindOf(column);
        var bytes = GetBytes(column);
        switch (kind)
        {
            case ValueKind.UnsignedInteger:
            case ValueKind.Enum:
            case ValueKind.Set:
                return ReadLittleEndian(bytes);
            case ValueKind.Bit:
                ulong bits = 0;
                foreach (var b in bytes)
                {
                    bits = (bits << 8) | b;
                }

                return bits;
            case ValueKind.SignedInteger:
            case ValueKind.Year:
                var signed = GetInt64(column);
                return signed >= 0
                    ? (ulong)signed
                    : throw new OverflowException($"Column {GetColumn(column).Name} holds {signed}, below zero");
            default:
                return WrongKind<ulong>(column, "GetUInt64");
        }
    }

    /// <summary>FLOAT (widened exactly) or DOUBLE.</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not FLOAT/DOUBLE.</exception>
    public double GetDouble(int column) => Table.KindOf(column) switch
    {
        ValueKind.Float => BinaryPrimitives.ReadSingleLittleEndian(GetBytes(column)),
        ValueKind.Double => BinaryPrimitives.ReadDoubleLittleEndian(GetBytes(column)),
        _ => WrongKind<double>(column, "GetDouble"),
    };

    /// <summary>FLOAT as stored.</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not FLOAT.</exception>
    public float GetSingle(int column) => Table.KindOf(column) == ValueKind.Float
        ? BinaryPrimitives.ReadSingleLittleEndian(GetBytes(column))
        : WrongKind<float>(column, "GetSingle");

    /// <summary>
    /// Text decoded with the column's character set (invalid bytes become U+FFFD); for ENUM and SET the label(s)
    /// when known, else the number; for MariaDB's UUID, INET4 and INET6 their text form. Allocates the string.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is absent or NULL.</exception>
    public string GetString(int column)
    {
        var info = GetColumn(column);
        switch (info.Kind)
        {
            case ValueKind.Enum:
            case ValueKind.Set:
                return FormatLabels(column);
            case ValueKind.Binary when info.BinaryTextFormat != BinaryTextFormat.None:
                return FormatBinaryText(column);
            default:
                return info.TextEncoding.GetString(GetBytes(column));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Start, int Length) Slot(int column)
    {
        var start = _slots[2 * column];
        if (start < 0)
        {
            if (start <= -3)
            {
                return (-3 - start, _slots[(2 * column) + 1]);
            }

            ThrowAbsentOrNull(column, start);
        }

        return (start, _slots[(2 * column) + 1]);
    }

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowAbsentOrNull(int column, int code)
    {
        var name = Table.Columns[column].Name;
        throw new InvalidOperationException(code == -1
            ? $"Column {name} is not present in this row image"
            : $"Column {name} is NULL; check IsNull first");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T WrongKind<T>(int column, string accessor)
    {
        var info = Table.Columns[column];
        throw new InvalidOperationException(
            $"{accessor} cannot read column {info.Name} of kind {info.Kind} ({info.RealType})");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private BinlogFormatException Malformed(int column, string message)
    {
        var info = Table.Columns[column];
        return new BinlogFormatException(
            $"Rows event for {Table.Database}.{Table.Table}, column {info.Name} (@{column + 1}, {info.RealType}): " +
            message, _position);
    }
}
