using System.Globalization;
using System.Numerics;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query;

/// <summary>
/// One SQL value while a query runs: NULL, a signed or unsigned 64-bit integer, a double, an exact decimal
/// (128-bit unscaled with a scale, or an arbitrary-precision integer beyond that), text, a boolean or a
/// timestamp (epoch milliseconds). A struct so that scanning dictionaries and comparing values does not box.
/// </summary>
internal readonly struct QueryValue : IEquatable<QueryValue>
{
    private readonly Int128 _bits;
    private readonly object? _reference;

    private QueryValue(ValueKind kind, Int128 bits, object? reference, int scale)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
        Scale = scale;
    }

    public static QueryValue Null => default;

    /// <summary>The kind; <see cref="ValueKind.Unknown"/> stands for NULL.</summary>
    public ValueKind Kind { get; }

    public int Scale { get; }

    public bool IsNull => Kind == ValueKind.Unknown;

    public long Long => (long)_bits;

    public ulong UnsignedLong => (ulong)_bits;

    public double Double => BitConverter.Int64BitsToDouble((long)_bits);

    public bool Boolean => _bits != 0;

    public string String => (string)_reference!;

    /// <summary>True for a decimal whose unscaled value needs more than 128 bits.</summary>
    public bool IsBigDecimal => Kind == ValueKind.Decimal && _reference is not null;

    public Int128 Unscaled => _bits;

    public BigInteger BigUnscaled => _reference is BigInteger big ? big : (BigInteger)_bits;

    public static QueryValue FromLong(long value) => new(ValueKind.Long, value, null, 0);

    public static QueryValue FromUnsignedLong(ulong value) => new(ValueKind.UnsignedLong, value, null, 0);

    public static QueryValue FromDouble(double value) =>
        new(ValueKind.Double, BitConverter.DoubleToInt64Bits(value), null, 0);

    public static QueryValue FromString(string value) => new(ValueKind.String, 0, value, 0);

    public static QueryValue FromBoolean(bool value) => new(ValueKind.Boolean, value ? 1 : 0, null, 0);

    public static QueryValue FromTimestamp(long millis) => new(ValueKind.Timestamp, millis, null, 0);

    public static QueryValue FromDecimal(Int128 unscaled, int scale) => new(ValueKind.Decimal, unscaled, null, scale);

    public static QueryValue FromDecimal(BigInteger unscaled, int scale)
    {
        if (unscaled >= (BigInteger)Int128.MinValue && unscaled <= (BigInteger)Int128.MaxValue)
        {
            return new QueryValue(ValueKind.Decimal, (Int128)unscaled, null, scale);
        }

        return new QueryValue(ValueKind.Decimal, 0, unscaled, scale);
    }

    /// <summary>An integer that may exceed 64 bits (a sum): a BIGINT when it fits, else an exact decimal of scale
    /// 0.</summary>
    public static QueryValue FromInteger(Int128 value) =>
        value >= long.MinValue && value <= long.MaxValue ? FromLong((long)value)
        : value >= 0 && value <= ulong.MaxValue ? FromUnsignedLong((ulong)value)
        : FromDecimal(value, 0);

    /// <summary>The value as a double (numbers only).</summary>
    public double ToDouble() => Kind switch
    {
        ValueKind.Long or ValueKind.Timestamp => Long,
        ValueKind.UnsignedLong => UnsignedLong,
        ValueKind.Double => Double,
        ValueKind.Decimal => IsBigDecimal
            ? (double)BigUnscaled / Math.Pow(10, Scale)
            : (double)_bits / Math.Pow(10, Scale),
        ValueKind.Boolean => Boolean ? 1 : 0,
        _ => throw new InvalidOperationException($"{Kind} is not a number"),
    };

    /// <summary>Text for messages and CSV: numbers exactly, timestamps as Druid writes them.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Unknown => "NULL",
        ValueKind.Long => Long.ToString(CultureInfo.InvariantCulture),
        ValueKind.UnsignedLong => UnsignedLong.ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Decimal => SqlFormatting.FormatDecimal(BigUnscaled, Scale),
        ValueKind.String => String,
        ValueKind.Boolean => Boolean ? "true" : "false",
        ValueKind.Timestamp => DruidTime.FormatIso(Long),
        _ => string.Empty,
    };

    public bool Equals(QueryValue other) => QueryValues.Compare(this, other) == 0 && IsNull == other.IsNull;

    public override bool Equals(object? obj) => obj is QueryValue other && Equals(other);

    public override int GetHashCode() => QueryValues.Hash(this);
}
