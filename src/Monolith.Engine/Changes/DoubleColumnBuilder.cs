namespace Monolith.Engine.Changes;

/// <summary>Double: FLOAT and DOUBLE. Integers are taken only where the double holds them exactly.</summary>
internal sealed class DoubleColumnBuilder : FixedWidthColumnBuilder<double>
{
    private const long ExactIntegerLimit = 1L << 53;

    public DoubleColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendDouble(double value) => Append(value);

    public override void AppendInt64(long value)
    {
        if (value > ExactIntegerLimit || value < -ExactIntegerLimit)
        {
            AppendUnfit();
            return;
        }

        Append(value);
    }

    public override void AppendUInt64(ulong value)
    {
        if (value > ExactIntegerLimit)
        {
            AppendUnfit();
            return;
        }

        Append(value);
    }
}
