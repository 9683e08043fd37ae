using System.Buffers.Binary;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Rows;

/// <summary>
/// Enumerates the row changes of a rows event body without allocating: each image's column offsets go into a
/// scratch buffer the caller owns (<see cref="TableDecoder.ScratchLength"/> ints), so several threads can decode
/// rows of the same table at once. Present-column bitmaps (MINIMAL and NOBLOB images) and NULL bitmaps are
/// honoured; every length is checked against the bytes left.
/// </summary>
public ref struct RowsEventReader
{
    private readonly TableDecoder _table;
    private readonly ReadOnlySpan<byte> _body;
    private readonly Span<int> _scratch;
    private readonly RowChangeKind _kind;
    private readonly bool _partial;
    private readonly BinlogPosition? _position;
    private readonly bool _strict;
    private readonly ReadOnlySpan<byte> _presentBefore;
    private readonly ReadOnlySpan<byte> _presentAfter;
    private readonly int _presentBeforeCount;
    private readonly int _presentAfterCount;
    private int _pos;
    private int _index;
    private RowChange _current;

    /// <summary>Starts reading the rows of <paramref name="body"/>.</summary>
    /// <param name="table">The decoder for the event's table.</param>
    /// <param name="header">The event's parsed post-header.</param>
    /// <param name="body">The event body (without header and checksum), as the header was read from.</param>
    /// <param name="scratch">At least <see cref="TableDecoder.ScratchLength"/> ints, owned by the caller.</param>
    /// <exception cref="ArgumentException">The scratch buffer is too small.</exception>
    /// <exception cref="BinlogFormatException">The column count
    /// or bitmaps do not fit the table or the body.</exception>
    public RowsEventReader(
        TableDecoder table, scoped in RowsEventHeader header, ReadOnlySpan<byte> body, Span<int> scratch)
        : this(table, header, body, scratch, strict: false)
    {
    }

    /// <summary>
    /// A reader that, when <paramref name="strict"/>, also rejects a NULL in a column its TABLE_MAP declares NOT NULL
    /// (the sign of row data that does not belong to the TABLE_MAP before it).
    /// </summary>
    internal RowsEventReader(TableDecoder table, scoped in RowsEventHeader header, ReadOnlySpan<byte> body,
        Span<int> scratch, bool strict)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (scratch.Length < table.ScratchLength)
        {
            throw new ArgumentException(
                $"The scratch buffer needs {table.ScratchLength} ints for {table}; it has {scratch.Length}",
                nameof(scratch));
        }

        _table = table;
        _body = body;
        _scratch = scratch;
        _kind = header.Kind;
        _partial = header.IsPartialUpdate;
        _position = header.Position;
        _strict = strict;
        _index = 0;
        _current = default;

        if ((uint)header.RowsOffset > (uint)body.Length)
        {
            Fail(-1, $"rows start at byte {header.RowsOffset} but the body has {body.Length}");
        }

        var reader = new SpanReader(body[header.RowsOffset..], "rows event", _position);
        var count = reader.ReadPackedLength("column count", Events.TableMapEvent.MaxColumns);
        if (count != table.ColumnCount)
        {
            reader.Fail($"has {count} columns but its TABLE_MAP (table id {table.TableId}) has {table.ColumnCount}");
        }

        var bitmapLength = (count + 7) / 8;
        _presentBefore = reader.ReadBytes(bitmapLength, "columns-present bitmap");
        _presentAfter = _kind == RowChangeKind.Update
            ? reader.ReadBytes(bitmapLength, "after-image columns-present bitmap")
            : _presentBefore;
        _presentBeforeCount = CountBits(_presentBefore, count);
        _presentAfterCount = CountBits(_presentAfter, count);
        _pos = header.RowsOffset + reader.Offset;
    }

    /// <summary>The current row change.</summary>
    public readonly RowChange Current => _current;

    /// <summary>Makes the reader usable in <c>foreach</c>.</summary>
    public readonly RowsEventReader GetEnumerator() => this;

    /// <summary>Decodes the next row change; false at the end of the event.</summary>
    /// <exception cref="BinlogFormatException">A row image overruns
    /// the event or holds an impossible length.</exception>
    public bool MoveNext()
    {
        if (_pos >= _body.Length)
        {
            return false;
        }

        var start = _pos;
        var n = _table.ColumnCount * 2;
        var beforeSlots = _scratch[..n];
        var afterSlots = _scratch.Slice(n, n);
        RowImage before = default, after = default;
        switch (_kind)
        {
            case RowChangeKind.Insert:
                _pos = ReadImage(_pos, _presentBefore, _presentBeforeCount, beforeSlots, false);
                after = new RowImage(_table, _body, beforeSlots, default, _position);
                break;
            case RowChangeKind.Delete:
                _pos = ReadImage(_pos, _presentBefore, _presentBeforeCount, beforeSlots, false);
                before = new RowImage(_table, _body, beforeSlots, default, _position);
                break;
            default:
                _pos = ReadImage(_pos, _presentBefore, _presentBeforeCount, beforeSlots, false);
                _pos = ReadImage(_pos, _presentAfter, _presentAfterCount, afterSlots, _partial);
                before = new RowImage(_table, _body, beforeSlots, default, _position);
                after = new RowImage(_table, _body, afterSlots, beforeSlots, _position);
                break;
        }

        // A row whose images hold no column takes no bytes, so the bytes left would never be consumed. Servers
        // always log at least one column; such a bitmap is damage.
        if (_pos == start)
        {
            Fail(-1, $"it holds no column, so the {_body.Length - start} bytes left cannot be read");
        }

        _current = new RowChange(_kind, before, after, _index++);
        return true;
    }

    /// <summary>
    /// Reads one image starting at <paramref name="pos"/>: for each column a slot pair (start, length); start -1
    /// marks a column not in the image, -2 a NULL, and -3 - start a JSON column in partial (diff) form.
    /// </summary>
    private readonly int ReadImage(int pos, ReadOnlySpan<byte> present, int presentCount, Span<int> slots,
        bool partialAfter)
    {
        var body = _body;
        ReadOnlySpan<byte> partialBits = default;
        if (partialAfter)
        {
            var options = new SpanReader(body[pos..], "PARTIAL_UPDATE_ROWS value options", _position);
            var valueOptions = options.ReadPackedInt("value options");
            if (valueOptions > 1)
            {
                Fail(-1, $"value options {valueOptions} are unknown (only bit 0, partial JSON, exists)");
            }

            pos += options.Offset;
            if (valueOptions == 1)
            {
                var length = (_table.JsonColumnCount + 7) / 8;
                if (length > body.Length - pos)
                {
                    Fail(-1, "the partial-JSON bitmap overruns the event");
                }

                partialBits = body.Slice(pos, length);
                pos += length;
            }
        }

        var nullLength = (presentCount + 7) / 8;
        if (nullLength > body.Length - pos)
        {
            Fail(-1, $"the NULL bitmap of {nullLength} bytes overruns the event ({body.Length - pos} left)");
        }

        var nulls = body.Slice(pos, nullLength);
        pos += nullLength;
        var layout = _table.Layout;
        var k = 0;
        for (var i = 0; i < layout.Length; i++)
        {
            if ((present[i >> 3] & (1 << (i & 7))) == 0)
            {
                slots[2 * i] = -1;
                slots[(2 * i) + 1] = 0;
                continue;
            }

            var isNull = (nulls[k >> 3] & (1 << (k & 7))) != 0;
            k++;
            if (isNull)
            {
                if (_strict && !_table.ColumnAt(i).IsNullable)
                {
                    Fail(i, "it is NULL but its TABLE_MAP declares it NOT NULL");
                }

                slots[2 * i] = -2;
                slots[(2 * i) + 1] = 0;
                continue;
            }

            var width = layout[i];
            int start, length;
            if (width >= 0)
            {
                start = pos;
                length = width;
            }
            else
            {
                var prefix = -width;
                if (prefix > body.Length - pos)
                {
                    Fail(i, $"its {prefix}-byte length overruns the event ({body.Length - pos} left)");
                }

                var raw = prefix switch
                {
                    1 => body[pos],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(body[pos..]),
                    3 => (uint)(body[pos] | (body[pos + 1] << 8) | (body[pos + 2] << 16)),
                    _ => BinaryPrimitives.ReadUInt32LittleEndian(body[pos..]),
                };
                start = pos + prefix;
                if (raw > (uint)(body.Length - start))
                {
                    Fail(i, $"its length {raw} overruns the event ({body.Length - start} bytes left)");
                }

                length = (int)raw;
            }

            if (length > body.Length - start)
            {
                Fail(i, $"its {length} bytes overrun the event ({body.Length - start} left)");
            }

            var ordinal = _table.JsonOrdinal(i);
            var partial = !partialBits.IsEmpty && ordinal >= 0 &&
                (partialBits[ordinal >> 3] & (1 << (ordinal & 7))) != 0;
            slots[2 * i] = partial ? -3 - start : start;
            slots[(2 * i) + 1] = length;
            pos = start + length;
        }

        return pos;
    }

    private static int CountBits(ReadOnlySpan<byte> bitmap, int count)
    {
        var bits = 0;
        for (var i = 0; i < count; i++)
        {
            bits += (bitmap[i >> 3] >> (i & 7)) & 1;
        }

        return bits;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private readonly void Fail(int column, string message)
    {
        var where = column >= 0
            ? $"column {_table.ColumnAt(column).Name} (@{column + 1}, {_table.ColumnAt(column).RealType})"
            : "row image";
        ThrowHelper.ThrowFormat(
            $"Rows event for {_table.Database}.{_table.Table}, row {_index}, {where}: {message}", _position);
    }
}
