using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>
/// Decimal128(p, s): DECIMAL of up to 38 digits as a 128-bit unscaled value at the column's scale. A value
/// whose scale cannot be changed exactly or whose digits exceed the precision becomes NULL.
/// </summary>
internal sealed class Decimal128ColumnBuilder : FixedWidthColumnBuilder<Int128>
{
    private readonly int _precision;
    private readonly int _scale;

    public Decimal128ColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
        var type = (Decimal128Type)column.Type;
        _precision = type.Precision;
        _scale = type.Scale;
    }

    public override void AppendDecimal(Int128 unscaled, int scale)
    {
        if (!DecimalMath.TryRescaleExact(unscaled, scale, _scale, out var value)
            || !DecimalMath.FitsPrecision(value, _precision))
        {
            AppendUnfit();
            return;
        }

        Append(value);
    }

    public override void AppendInt64(long value) => AppendDecimal(value, 0);

    public override void AppendUInt64(ulong value) => AppendDecimal(value, 0);

    public override void AppendDecimalText(ReadOnlySpan<byte> text)
    {
        if (!DecimalMath.TryParse(text, _scale, out var wide) || !wide.TryToInt128(out var value)
            || !DecimalMath.FitsPrecision(value, _precision))
        {
            AppendUnfit();
            return;
        }

        Append(value);
    }
}
