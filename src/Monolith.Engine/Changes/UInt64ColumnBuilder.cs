namespace Monolith.Engine.Changes;

/// <summary>UInt64: BIGINT UNSIGNED and the other unsigned integers, and BIT values.</summary>
internal sealed class UInt64ColumnBuilder : FixedWidthColumnBuilder<ulong>
{
    public UInt64ColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override void AppendUInt64(ulong value) => Append(value);

    public override void AppendInt64(long value)
    {
        if (value < 0)
        {
            AppendUnfit();
            return;
        }

        Append((ulong)value);
    }

    public override void AppendBoolean(bool value) => Append(value ? 1UL : 0UL);
}
