namespace Monolith.Engine.Changes;

/// <summary>Duration(Microsecond): TIME as signed microseconds (MySQL's range is -838:59:59 to 838:59:59).
/// </summary>
internal sealed class DurationColumnBuilder : FixedWidthColumnBuilder<long>
{
    public DurationColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendTimeMicros(long micros) => Append(micros);
}
