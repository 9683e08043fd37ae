using System.Numerics;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query;

/// <summary>
/// Comparison, hashing and arithmetic of <see cref="QueryValue"/>s. Integers and decimals compare and compute
/// exactly; as soon as a double takes part the arithmetic is floating point, as in SQL. Division of integers
/// truncates; any division by zero gives NULL.
/// </summary>
internal static class QueryValues
{
    private static readonly BigInteger[] s_powersOfTen = Enumerable.Range(0, 80).Select(i => BigInteger.Pow(10,
        i)).ToArray();

    public static BigInteger PowerOfTen(int exponent) => s_powersOfTen[exponent];

    /// <summary>True when values of the two kinds can be compared with each other.</summary>
    public static bool Comparable(ValueKind left, ValueKind right) =>
        left == ValueKind.Unknown || right == ValueKind.Unknown || left == right ||
        (IsNumeric(left) && IsNumeric(right)) ||
        (left == ValueKind.Timestamp && IsNumeric(right)) || (right == ValueKind.Timestamp && IsNumeric(left));

    public static bool IsNumeric(ValueKind kind) =>
        kind is ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Double or ValueKind.Decimal;

    /// <summary>Orders two values; NULL sorts before everything. Kinds must be <see cref="Comparable"/>.</summary>
    public static int Compare(QueryValue left, QueryValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return left.IsNull ? (right.IsNull ? 0 : -1) : 1;
        }

        if (left.Kind == right.Kind)
        {
            switch (left.Kind)
            {
                case ValueKind.Long:
                case ValueKind.Timestamp:
                    return left.Long.CompareTo(right.Long);
                case ValueKind.UnsignedLong:
                    return left.UnsignedLong.CompareTo(right.UnsignedLong);
                case ValueKind.Double:
                    return left.Double.CompareTo(right.Double);
                case ValueKind.String:
                    return string.CompareOrdinal(left.String, right.String);
                case ValueKind.Boolean:
                    return left.Boolean.CompareTo(right.Boolean);
                default:
                    break;
            }
        }

        if (left.Kind == ValueKind.Double || right.Kind == ValueKind.Double)
        {
            return left.ToDouble().CompareTo(right.ToDouble());
        }

        if (!Comparable(left.Kind, right.Kind) || left.Kind is ValueKind.String or ValueKind.Boolean ||
            right.Kind is ValueKind.String or ValueKind.Boolean)
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"cannot compare {Describe(left.Kind)} with {Describe(right.Kind)}");
        }

        var scale = Math.Max(left.Scale, right.Scale);
        return ExactUnscaled(left, scale).CompareTo(ExactUnscaled(right, scale));
    }

    /// <summary>
    /// A hash consistent with <see cref="Compare"/>: numbers (and timestamps) that compare equal hash equal. They
    /// hash by their value as a double, which is how mixed-kind comparisons see them; whole values are mixed as
    /// integers so that timestamps and counts spread well.
    /// </summary>
    public static int Hash(QueryValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Unknown:
                return 0;
            case ValueKind.String:
                return value.String.GetHashCode(StringComparison.Ordinal);
            case ValueKind.Boolean:
                return value.Boolean ? 1 : 2;
            default:
                var d = value.ToDouble();
                return d == Math.Floor(d) && Math.Abs(d) < 9.2e18
                    ? (int)Rollups.Storage.Hashing.Mix((ulong)(long)d)
                    : d.GetHashCode();
        }
    }

    /// <summary>The exact unscaled value at <paramref name="scale"/> of an integer, timestamp or decimal.</summary>
    public static BigInteger ExactUnscaled(QueryValue value, int scale)
    {
        BigInteger unscaled = value.Kind switch
        {
            ValueKind.Long or ValueKind.Timestamp => value.Long,
            ValueKind.UnsignedLong => value.UnsignedLong,
            ValueKind.Boolean => value.Boolean ? 1 : 0,
            ValueKind.Decimal => value.BigUnscaled,
            _ => throw new InvalidOperationException($"{value.Kind} is not exact"),
        };
        var from = value.Kind == ValueKind.Decimal ? value.Scale : 0;
        return scale > from ? unscaled * PowerOfTen(scale - from) : unscaled;
    }

    private static bool IsExactInteger(ValueKind kind) => kind is ValueKind.Long or ValueKind.UnsignedLong;

    public static QueryValue Negate(QueryValue value) => value.Kind switch
    {
        ValueKind.Unknown => value,
        ValueKind.Long => value.Long == long.MinValue ? QueryValue.FromInteger(-(Int128)value.Long)
            : QueryValue.FromLong(-value.Long),
        ValueKind.UnsignedLong => QueryValue.FromInteger(-(Int128)value.UnsignedLong),
        ValueKind.Double => QueryValue.FromDouble(-value.Double),
        ValueKind.Decimal => QueryValue.FromDecimal(-value.BigUnscaled, value.Scale),
        _ => throw new QueryException(QueryErrorCode.InvalidInput, $"cannot negate {Describe(value.Kind)}"),
    };

    public static QueryValue Add(QueryValue left, QueryValue right) => Arithmetic(left, right, '+');

    public static QueryValue Subtract(QueryValue left, QueryValue right) => Arithmetic(left, right, '-');

    public static QueryValue Multiply(QueryValue left, QueryValue right) => Arithmetic(left, right, '*');

    public static QueryValue Divide(QueryValue left, QueryValue right) => Arithmetic(left, right, '/');

    public static QueryValue Modulo(QueryValue left, QueryValue right) => Arithmetic(left, right, '%');

    private static QueryValue Arithmetic(QueryValue left, QueryValue right, char op)
    {
        if (left.IsNull || right.IsNull)
        {
            return QueryValue.Null;
        }

        if (!IsNumeric(left.Kind) || !IsNumeric(right.Kind))
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"cannot apply {op} to {Describe(left.Kind)} and {Describe(right.Kind)}");
        }

        if (left.Kind == ValueKind.Double || right.Kind == ValueKind.Double ||
            (op == '/' && (left.Kind == ValueKind.Decimal || right.Kind == ValueKind.Decimal)))
        {
            var a = left.ToDouble();
            var b = right.ToDouble();
            if (op is '/' or '%' && b == 0)
            {
                return QueryValue.Null;
            }

            return QueryValue.FromDouble(op switch
            {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                '/' => a / b,
                _ => a % b,
            });
        }

        if (IsExactInteger(left.Kind) && IsExactInteger(right.Kind))
        {
            Int128 a = left.Kind == ValueKind.Long ? left.Long : left.UnsignedLong;
            Int128 b = right.Kind == ValueKind.Long ? right.Long : right.UnsignedLong;
            if (op is '/' or '%' && b == 0)
            {
                return QueryValue.Null;
            }

            return QueryValue.FromInteger(op switch
            {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                '/' => a / b,
                _ => a % b,
            });
        }

        // Exact decimal arithmetic: align scales for + - %, add scales for *.
        var scale = op == '*' ? left.Scale + right.Scale : Math.Max(left.Scale, right.Scale);
        if (scale > 76)
        {
            return QueryValue.FromDouble(Arithmetic(Approximate(left), Approximate(right), op).ToDouble());
        }

        var x = op == '*' ? ExactUnscaled(left, Scale(left)) : ExactUnscaled(left, scale);
        var y = op == '*' ? ExactUnscaled(right, Scale(right)) : ExactUnscaled(right, scale);
        if (op == '%' && y.IsZero)
        {
            return QueryValue.Null;
        }

        var result = op switch
        {
            '+' => x + y,
            '-' => x - y,
            '*' => x * y,
            _ => BigInteger.Remainder(x, y),
        };
        return QueryValue.FromDecimal(result, scale);

        static int Scale(QueryValue v) => v.Kind == ValueKind.Decimal ? v.Scale : 0;
    }

    private static QueryValue Approximate(QueryValue value) => QueryValue.FromDouble(value.ToDouble());

    public static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Unknown => "NULL",
        ValueKind.Long => "BIGINT",
        ValueKind.UnsignedLong => "BIGINT UNSIGNED",
        ValueKind.Double => "DOUBLE",
        ValueKind.Decimal => "DECIMAL",
        ValueKind.String => "VARCHAR",
        ValueKind.Boolean => "BOOLEAN",
        _ => "TIMESTAMP",
    };
}
