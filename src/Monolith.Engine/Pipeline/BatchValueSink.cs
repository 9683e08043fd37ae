using Monolith.Engine.Changes;

namespace Monolith.Engine.Pipeline;

/// <summary>Values into the open row of a change batch builder (column = table ordinal).</summary>
internal readonly struct BatchValueSink(ChangeBatchBuilder builder) : IRowValueSink
{
    public void AppendNull(int column) => builder.AppendNull(column);

    public void AppendInt64(int column, long value) => builder.AppendInt64(column, value);

    public void AppendUInt64(int column, ulong value) => builder.AppendUInt64(column, value);

    public void AppendDouble(int column, double value) => builder.AppendDouble(column, value);

    public void AppendDecimal(int column, Int128 unscaled, int scale) => builder.AppendDecimal(column, unscaled, scale);

    public void AppendDecimalText(int column, ReadOnlySpan<byte> text) => builder.AppendDecimalText(column, text);

    public void AppendDate(int column, int year, int month, int day) => builder.AppendDate(column, year, month, day);

    public void AppendDateTime(int column, int year, int month, int day, int hour, int minute, int second,
        int microsecond) =>
        builder.AppendDateTime(column, year, month, day, hour, minute, second, microsecond);

    public void AppendTimestampMicros(int column, long micros) => builder.AppendTimestampMicros(column, micros);

    public void AppendTimeMicros(int column, long micros) => builder.AppendTimeMicros(column, micros);

    public void AppendBytes(int column, ReadOnlySpan<byte> value) => builder.AppendBytes(column, value);
}
