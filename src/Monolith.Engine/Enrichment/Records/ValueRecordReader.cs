using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Enrichment.Records;

/// <summary>
/// Reads the tagged values of a record written through <see cref="ValueRecordSink"/>, one at a time: replaying
/// each into a sink, reading it as a join key, or skipping it. A tag or length that does not fit is reported as
/// a damaged record, never read past.
/// </summary>
internal ref struct ValueRecordReader
{
    private readonly ReadOnlySpan<byte> _record;
    private int _position;

    public ValueRecordReader(ReadOnlySpan<byte> record)
    {
        _record = record;
        _position = 0;
    }

    /// <summary>Whether every value has been read.</summary>
    public readonly bool End => _position >= _record.Length;

    /// <summary>Reads the next value and makes the append it records into <paramref name="sink"/>'s
    /// <paramref name="column"/>.</summary>
    public void Replay<TSink>(ref TSink sink, int column)
        where TSink : struct, IRowValueSink
    {
        var tag = (ValueTag)Take(1)[0];
        switch (tag)
        {
            case ValueTag.Null:
                sink.AppendNull(column);
                break;
            case ValueTag.Int64:
                sink.AppendInt64(column, BinaryPrimitives.ReadInt64LittleEndian(Take(8)));
                break;
            case ValueTag.UInt64:
                sink.AppendUInt64(column, BinaryPrimitives.ReadUInt64LittleEndian(Take(8)));
                break;
            case ValueTag.Double:
                sink.AppendDouble(column,
                    BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8))));
                break;
            case ValueTag.Decimal:
                var d = Take(17);
                sink.AppendDecimal(column, BinaryPrimitives.ReadInt128LittleEndian(d), d[16]);
                break;
            case ValueTag.DecimalText:
                sink.AppendDecimalText(column, Take(Take(1)[0]));
                break;
            case ValueTag.Date:
                var date = Take(4);
                sink.AppendDate(column, BinaryPrimitives.ReadUInt16LittleEndian(date), date[2], date[3]);
                break;
            case ValueTag.DateTime:
                var t = Take(11);
                sink.AppendDateTime(column, BinaryPrimitives.ReadUInt16LittleEndian(t), t[2], t[3], t[4], t[5], t[6],
                    BinaryPrimitives.ReadInt32LittleEndian(t[7..]));
                break;
            case ValueTag.TimestampMicros:
                sink.AppendTimestampMicros(column, BinaryPrimitives.ReadInt64LittleEndian(Take(8)));
                break;
            case ValueTag.TimeMicros:
                sink.AppendTimeMicros(column, BinaryPrimitives.ReadInt64LittleEndian(Take(8)));
                break;
            case ValueTag.Bytes:
                sink.AppendBytes(column, Take(BinaryPrimitives.ReadUInt16LittleEndian(Take(2))));
                break;
            default:
                ThrowDamaged(_position - 1);
                break;
        }
    }

    /// <summary>
    /// Reads the next value as a join key: true with the key for an integer, false for NULL (no row joins a NULL
    /// key). Unsigned keys keep their bits, so BIGINT UNSIGNED keys past the signed range still match.
    /// </summary>
    public bool TryReadKey(out long key)
    {
        var tag = (ValueTag)Peek();
        if (tag is ValueTag.Int64 or ValueTag.UInt64)
        {
            _position++;
            key = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            return true;
        }

        Skip();
        key = 0;
        return false;
    }

    /// <summary>The next value as recorded (tag and payload), for copying it into another record.</summary>
    public ReadOnlySpan<byte> TakeValue()
    {
        var start = _position;
        Skip();
        return _record[start.._position];
    }

    /// <summary>Moves past the next value.</summary>
    public void Skip()
    {
        var tag = (ValueTag)Take(1)[0];
        _ = tag switch
        {
            ValueTag.Null => default,
            ValueTag.Int64 or ValueTag.UInt64 or ValueTag.Double or ValueTag.TimestampMicros or ValueTag.TimeMicros =>
                Take(8),
            ValueTag.Decimal => Take(17),
            ValueTag.DecimalText => Take(Take(1)[0]),
            ValueTag.Date => Take(4),
            ValueTag.DateTime => Take(11),
            ValueTag.Bytes => Take(BinaryPrimitives.ReadUInt16LittleEndian(Take(2))),
            _ => ThrowDamaged(_position - 1),
        };
    }

    private readonly byte Peek()
    {
        if (_position >= _record.Length)
        {
            ThrowDamaged(_position);
        }

        return _record[_position];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _record.Length - _position)
        {
            ThrowDamaged(_position);
        }

        var span = _record.Slice(_position, count);
        _position += count;
        return span;
    }

    [DoesNotReturn]
    private readonly ReadOnlySpan<byte> ThrowDamaged(int offset) =>
        throw new EnrichmentStateException(
            $"A state record of {_record.Length} bytes is damaged at byte {offset}: the tag or length there does " +
            "not fit. The enrichment state must be rebuilt (start again without it).");
}
