namespace Monolith.Engine.Changes;

/// <summary>Int64: every signed integer type, YEAR, and ENUM indexes when the labels are unknown.</summary>
internal sealed class Int64ColumnBuilder : FixedWidthColumnBuilder<long>
{
    public Int64ColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendInt64(long value) => Append(value);

    public override void AppendUInt64(ulong value)
    {
        if (value > long.MaxValue)
        {
            AppendUnfit();
            return;
        }

        Append((long)value);
    }

    public override void AppendBoolean(bool value) => Append(value ? 1 : 0);

    public override void AppendDecimal(Int128 unscaled, int scale)
    {
        if (!DecimalMath.TryRescaleExact(unscaled, scale, 0, out var integer)
            || integer > long.MaxValue || integer < long.MinValue)
        {
            AppendUnfit();
            return;
        }

        Append((long)integer);
    }
}
