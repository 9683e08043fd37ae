using System.Globalization;
using System.Text;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>A constant in the physical representation of its <see cref="VectorKind"/>.</summary>
internal readonly struct ScalarValue
{
    private ScalarValue(IArrowType type, bool isNull, long int64 = 0, ulong uint64 = 0, double dbl = 0,
        Int128 dec = default, Int256 dec256 = default, bool boolean = false, byte[]? bytes = null)
    {
        Type = type;
        Kind = Vector.KindOf(type);
        IsNull = isNull;
        Int64 = int64;
        UInt64 = uint64;
        Double = dbl;
        Decimal = dec;
        Decimal256 = dec256;
        Boolean = boolean;
        Bytes = bytes ?? [];
    }

    public IArrowType Type { get; }

    public VectorKind Kind { get; }

    public bool IsNull { get; }

    public long Int64 { get; }

    public ulong UInt64 { get; }

    public double Double { get; }

    public Int128 Decimal { get; }

    public Int256 Decimal256 { get; }

    public bool Boolean { get; }

    public byte[] Bytes { get; }

    public int Scale => DecimalTypes.ScaleOf(Type);

    public static ScalarValue Null(IArrowType type) => new(type, true);

    public static ScalarValue OfInt64(IArrowType type, long value) => new(type, false, int64: value);

    public static ScalarValue OfUInt64(ulong value) => new(UInt64Type.Default, false, uint64: value);

    public static ScalarValue OfDouble(double value) => new(DoubleType.Default, false, dbl: value);

    public static ScalarValue OfDecimal(IArrowType type, Int128 value) => new(type, false, dec: value);

    public static ScalarValue OfDecimal256(IArrowType type, Int256 value) => new(type, false, dec256: value);

    public static ScalarValue OfBoolean(bool value) => new(BooleanType.Default, false, boolean: value);

    public static ScalarValue OfBytes(IArrowType type, byte[] value) => new(type, false, bytes: value);

    /// <summary>Reads a literal's boxed value as documented on <c>LiteralExpr</c>.</summary>
    public static ScalarValue FromLiteral(object? value, IArrowType type)
    {
        if (value is null)
        {
            return Null(type);
        }

        var kind = Vector.KindOf(type);
        try
        {
            return kind switch
            {
                VectorKind.Int64 => OfInt64(type, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
                VectorKind.UInt64 => OfUInt64(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
                VectorKind.Double => OfDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
                VectorKind.Decimal128 => OfDecimal(type, DecimalLiteral(value, DecimalTypes.ScaleOf(type))),
                VectorKind.Decimal256 => OfDecimal256(type, value is Int256 wide
                    ? wide
                    : Int256.FromInt128(DecimalLiteral(value, DecimalTypes.ScaleOf(type)))),
                VectorKind.Boolean => OfBoolean((bool)value),
                VectorKind.Bytes => OfBytes(type, value switch
                {
                    string text => Encoding.UTF8.GetBytes(text),
                    byte[] bytes => bytes,
                    _ => throw new InvalidCastException(),
                }),
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception error) when (error is InvalidCastException or FormatException or OverflowException)
        {
            throw new ExpressionException(
                $"Literal {value} ({value.GetType().Name}) cannot be a value of type {type.Name}.", error);
        }
    }

    private static Int128 DecimalLiteral(object value, int scale) => value switch
    {
        Int128 unscaled => unscaled,
        long integer => integer * DecimalMath.Pow10(scale),
        int integer => integer * DecimalMath.Pow10(scale),
        decimal number => DecimalFromSystem(number, scale),
        _ => throw new InvalidCastException(),
    };

    private static Int128 DecimalFromSystem(decimal number, int scale)
    {
        var bits = decimal.GetBits(number);
        var unscaled = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var sourceScale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            unscaled = -unscaled;
        }

        return DecimalMath.TryRescaleExact(unscaled, sourceScale, scale, out var result)
            ? result
            : throw new OverflowException($"Decimal {number} does not fit scale {scale} exactly.");
    }
}
