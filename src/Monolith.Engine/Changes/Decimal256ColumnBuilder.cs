using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>
/// Decimal256(p, s): DECIMAL above 38 digits (MySQL allows 65) as a 256-bit unscaled value. Values arrive
/// as decimal text, or as a 128-bit unscaled value when they are small enough.
/// </summary>
internal sealed class Decimal256ColumnBuilder : FixedWidthColumnBuilder<Int256>
{
    private readonly int _precision;
    private readonly int _scale;

    public Decimal256ColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
        var type = (Decimal256Type)column.Type;
        _precision = type.Precision;
        _scale = type.Scale;
    }

    public override void AppendDecimal(Int128 unscaled, int scale)
    {
        if (scale > _scale)
        {
            if (!DecimalMath.TryRescaleExact(unscaled, scale, _scale, out var reduced))
            {
                AppendUnfit();
                return;
            }

            AppendChecked(Int256.FromInt128(reduced));
            return;
        }

        var value = Int256.FromInt128(Int128.Abs(unscaled));
        for (var i = scale; i < _scale; i++)
        {
            if (!Int256.TryMultiplyAdd(value, 10, 0, out value))
            {
                AppendUnfit();
                return;
            }
        }

        AppendChecked(unscaled < 0 ? value.Negate() : value);
    }

    public override void AppendInt64(long value) => AppendDecimal(value, 0);

    public override void AppendUInt64(ulong value) => AppendDecimal(value, 0);

    public override void AppendDecimalText(ReadOnlySpan<byte> text)
    {
        if (!DecimalMath.TryParse(text, _scale, out var value))
        {
            AppendUnfit();
            return;
        }

        AppendChecked(value);
    }

    private void AppendChecked(Int256 value)
    {
        if (!DecimalMath.FitsPrecision(value, _precision))
        {
            AppendUnfit();
            return;
        }

        Append(value);
    }
}
