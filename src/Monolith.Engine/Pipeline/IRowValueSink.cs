namespace Monolith.Engine.Pipeline;

/// <summary>
/// Where decoded column values go: a change batch builder, or the compact records of joined dimension rows. The
/// methods mirror <see cref="Changes.ChangeBatchBuilder"/>'s typed appends, so that a value takes the same path,
/// and is converted the same way, whichever the target. <c>column</c> is the target's column index.
/// </summary>
/// <remarks>Implementations are structs, so that the generic copy is specialised for each and nothing is boxed.
/// </remarks>
internal interface IRowValueSink
{
    void AppendNull(int column);

    void AppendInt64(int column, long value);

    void AppendUInt64(int column, ulong value);

    void AppendDouble(int column, double value);

    void AppendDecimal(int column, Int128 unscaled, int scale);

    void AppendDecimalText(int column, ReadOnlySpan<byte> text);

    void AppendDate(int column, int year, int month, int day);

    void AppendDateTime(int column, int year, int month, int day, int hour, int minute, int second, int microsecond);

    void AppendTimestampMicros(int column, long micros);

    void AppendTimeMicros(int column, long micros);

    void AppendBytes(int column, ReadOnlySpan<byte> value);
}
