using System.Buffers.Binary;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Enrichment.Records;

/// <summary>
/// Writes each appended value as a tagged value at the end of a <see cref="ValueRecordBuffer"/>: the compact form
/// in which dimension rows and joined tuples are kept in state. Replaying a record with
/// <see cref="ValueRecordReader"/> makes exactly the appends that were recorded, so a joined value reaches the
/// change batch converted as it would have been had it been a column of the fact table. The column index is not
/// recorded: values are positional.
/// </summary>
internal readonly struct ValueRecordSink(ValueRecordBuffer buffer) : IRowValueSink
{
    /// <summary>Longer text or binary values are recorded as NULL (and counted): a joined attribute is a grouping
    /// value, and state records must stay far below a log page.</summary>
    public const int MaxValueBytes = 16 * 1024;

    public void AppendNull(int column) => buffer.WriteByte((byte)ValueTag.Null);

    public void AppendInt64(int column, long value)
    {
        buffer.WriteByte((byte)ValueTag.Int64);
        buffer.WriteInt64(value);
    }

    public void AppendUInt64(int column, ulong value)
    {
        buffer.WriteByte((byte)ValueTag.UInt64);
        buffer.WriteInt64((long)value);
    }

    public void AppendDouble(int column, double value)
    {
        buffer.WriteByte((byte)ValueTag.Double);
        buffer.WriteInt64(BitConverter.DoubleToInt64Bits(value));
    }

    public void AppendDecimal(int column, Int128 unscaled, int scale)
    {
        buffer.WriteByte((byte)ValueTag.Decimal);
        var span = buffer.Reserve(17);
        BinaryPrimitives.WriteInt128LittleEndian(span, unscaled);
        span[16] = (byte)scale;
    }

    public void AppendDecimalText(int column, ReadOnlySpan<byte> text)
    {
        if (text.Length > byte.MaxValue)
        {
            TooLong();
            return;
        }

        buffer.WriteByte((byte)ValueTag.DecimalText);
        buffer.WriteByte((byte)text.Length);
        buffer.Write(text);
    }

    public void AppendDate(int column, int year, int month, int day)
    {
        buffer.WriteByte((byte)ValueTag.Date);
        var span = buffer.Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)year);
        span[2] = (byte)month;
        span[3] = (byte)day;
    }

    public void AppendDateTime(int column, int year, int month, int day, int hour, int minute, int second,
        int microsecond)
    {
        buffer.WriteByte((byte)ValueTag.DateTime);
        var span = buffer.Reserve(11);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)year);
        span[2] = (byte)month;
        span[3] = (byte)day;
        span[4] = (byte)hour;
        span[5] = (byte)minute;
        span[6] = (byte)second;
        BinaryPrimitives.WriteInt32LittleEndian(span[7..], microsecond);
    }

    public void AppendTimestampMicros(int column, long micros)
    {
        buffer.WriteByte((byte)ValueTag.TimestampMicros);
        buffer.WriteInt64(micros);
    }

    public void AppendTimeMicros(int column, long micros)
    {
        buffer.WriteByte((byte)ValueTag.TimeMicros);
        buffer.WriteInt64(micros);
    }

    public void AppendBytes(int column, ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxValueBytes)
        {
            TooLong();
            return;
        }

        buffer.WriteByte((byte)ValueTag.Bytes);
        buffer.WriteUInt16((ushort)value.Length);
        buffer.Write(value);
    }

    private void TooLong()
    {
        buffer.TooLong++;
        buffer.WriteByte((byte)ValueTag.Null);
    }
}
