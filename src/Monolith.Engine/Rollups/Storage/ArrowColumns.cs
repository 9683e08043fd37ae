using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// Reads Arrow arrays of the types the transform stage delivers into the store's value forms, without boxing:
/// integers, booleans, dates and timestamps as 64-bit keys, doubles as their bits, decimals as 128-bit unscaled
/// integers at the column's scale.
/// </summary>
internal static class ArrowColumns
{
    /// <summary>The column type an Arrow type maps to, or null when the store cannot hold it.</summary>
    public static ColumnType? TypeOf(IArrowType type) => type switch
    {
        Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type => ColumnType.Long,
        UInt64Type => ColumnType.UnsignedLong,
        FloatType or DoubleType => ColumnType.Double,
        Decimal128Type d => ColumnType.Decimal(d.Precision, d.Scale),
        Decimal256Type d => ColumnType.Decimal(d.Precision, d.Scale),
        StringType => ColumnType.String,
        BooleanType => ColumnType.Boolean,
        TimestampType or Date32Type or Date64Type => ColumnType.Timestamp,
        _ => null,
    };

    /// <summary>Milliseconds per unit of a timestamp type, as a divisor (negative: a multiplier).</summary>
    public static long TimestampDivisor(TimestampType type) => type.Unit switch
    {
        TimeUnit.Second => -1000,
        TimeUnit.Millisecond => 1,
        TimeUnit.Microsecond => 1000,
        _ => 1_000_000,
    };

    /// <summary>
    /// Writes every value of an integer-like, boolean, double, date or timestamp array as a 64-bit key: the value
    /// itself for integers (unsigned 64-bit as its bit pattern), 0 or 1 for booleans, milliseconds for dates and
    /// timestamps (floored), and for doubles the bits with -0.0 made 0.0 so equal values get equal keys. Null
    /// slots get an unspecified key; callers check validity separately.
    /// </summary>
    public static void ReadKeys(IArrowArray array, Span<long> keys)
    {
        switch (array)
        {
            case Int64Array a:
                a.Values.CopyTo(keys);
                break;
            case TimestampArray a:
                ToMillis(a.Values, keys, TimestampDivisor((TimestampType)a.Data.DataType));
                break;
            case UInt64Array a:
                MemoryMarshal.Cast<ulong, long>(a.Values).CopyTo(keys);
                break;
            case Int32Array a:
                Widen(a.Values, keys);
                break;
            case Int16Array a:
                Widen(a.Values, keys);
                break;
            case Int8Array a:
                Widen(a.Values, keys);
                break;
            case UInt32Array a:
                Widen(a.Values, keys);
                break;
            case UInt16Array a:
                Widen(a.Values, keys);
                break;
            case UInt8Array a:
                Widen(a.Values, keys);
                break;
            case DoubleArray a:
                DoubleKeys(a.Values, keys);
                break;
            case FloatArray a:
                for (var i = 0; i < a.Length; i++)
                {
                    keys[i] = DoubleKey(a.Values[i]);
                }

                break;
            case BooleanArray a:
                for (var i = 0; i < a.Length; i++)
                {
                    keys[i] = a.GetValue(i) == true ? 1 : 0;
                }

                break;
            case Date32Array a:
                for (var i = 0; i < a.Length; i++)
                {
                    keys[i] = a.Values[i] * 86_400_000L;
                }

                break;
            case Date64Array a:
                a.Values.CopyTo(keys);
                break;
            default:
                throw new ArgumentException($"{array.Data.DataType.Name} has no 64-bit key form", nameof(array));
        }
    }

    private static void ToMillis(ReadOnlySpan<long> values, Span<long> millis, long divisor)
    {
        if (divisor == 1)
        {
            values.CopyTo(millis);
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            millis[i] = divisor < 0 ? values[i] * -divisor : Time.CivilTime.FloorDiv(values[i], divisor);
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> values, Span<long> keys)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = long.CreateTruncating(values[i]);
        }
    }

    private static void DoubleKeys(ReadOnlySpan<double> values, Span<long> keys)
    {
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = DoubleKey(values[i]);
        }
    }

    /// <summary>The key of a double: its bits, with -0.0 folded into 0.0 and every NaN into one NaN.</summary>
    public static long DoubleKey(double value) =>
        value == 0 ? 0 : double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN)
            : BitConverter.DoubleToInt64Bits(value);

    /// <summary>The unscaled 128-bit values of a Decimal128 array, a view without copying.</summary>
    public static ReadOnlySpan<Int128> Decimal128Values(Decimal128Array array) =>
        MemoryMarshal.Cast<byte, Int128>(array.ValueBuffer.Span).Slice(array.Offset, array.Length);

    /// <summary>The unscaled value of one Decimal256 slot (two's complement, little-endian).</summary>
    public static BigInteger Decimal256Value(Decimal256Array array, int index) =>
        new(array.ValueBuffer.Span.Slice((array.Offset + index) * 32, 32), isUnsigned: false, isBigEndian: false);

    /// <summary>
    /// A deterministic 64-bit hash of every slot: text by its UTF-8 bytes, decimals by their unscaled value,
    /// everything else by its 64-bit key. Null slots get an unspecified hash.
    /// </summary>
    public static void Hashes(IArrowArray array, Span<ulong> hashes, Span<long> scratch)
    {
        switch (array)
        {
            case StringArray strings:
                for (var i = 0; i < strings.Length; i++)
                {
                    hashes[i] = strings.IsNull(i) ? 0 : Hashing.Bytes(strings.GetBytes(i));
                }

                break;
            case Decimal128Array decimals:
                var values = Decimal128Values(decimals);
                for (var i = 0; i < values.Length; i++)
                {
                    hashes[i] = Hashing.Mix(Hashing.Combine((ulong)values[i], (ulong)(values[i] >> 64)));
                }

                break;
            case Decimal256Array wide:
                for (var i = 0; i < wide.Length; i++)
                {
                    hashes[i] = Hashing.Bytes(wide.ValueBuffer.Span.Slice((wide.Offset + i) * 32, 32));
                }

                break;
            default:
                ReadKeys(array, scratch);
                for (var i = 0; i < array.Length; i++)
                {
                    hashes[i] = Hashing.Mix((ulong)scratch[i]);
                }

                break;
        }
    }

    /// <summary>Every slot as a double (integers and decimals converted, possibly rounding). Null slots get
    /// 0.</summary>
    public static void ReadDoubles(IArrowArray array, Span<double> values, Span<long> scratch)
    {
        switch (array)
        {
            case DoubleArray doubles:
                doubles.Values.CopyTo(values);
                break;
            case FloatArray floats:
                for (var i = 0; i < floats.Length; i++)
                {
                    values[i] = floats.Values[i];
                }

                break;
            case Decimal128Array decimals:
                var unscaled = Decimal128Values(decimals);
                var divisor = Math.Pow(10, ((Decimal128Type)decimals.Data.DataType).Scale);
                for (var i = 0; i < unscaled.Length; i++)
                {
                    values[i] = (double)unscaled[i] / divisor;
                }

                break;
            case Decimal256Array wide:
                var wideDivisor = Math.Pow(10, ((Decimal256Type)wide.Data.DataType).Scale);
                for (var i = 0; i < wide.Length; i++)
                {
                    values[i] = wide.IsNull(i) ? 0 : (double)Decimal256Value(wide, i) / wideDivisor;
                }

                break;
            case UInt64Array unsigned:
                for (var i = 0; i < unsigned.Length; i++)
                {
                    values[i] = unsigned.Values[i];
                }

                break;
            default:
                ReadKeys(array, scratch);
                for (var i = 0; i < array.Length; i++)
                {
                    values[i] = scratch[i];
                }

                break;
        }
    }

    /// <summary>True when <paramref name="array"/> has no nulls, so validity checks can be skipped.</summary>
    public static bool NoNulls(IArrowArray array) => array.NullCount == 0;

    /// <summary>
    /// Keeps the pairs (slot p and slot p + 1, for each p in <paramref name="pairs"/>) whose two slots hold the same
    /// value bit for bit (two NULLs are the same; -0.0 and 0.0 are not), moving them to the front; returns how many.
    /// </summary>
    public static int KeepEqualPairs(IArrowArray array, Span<int> pairs)
    {
        var kept = 0;
        if (array is not StringArray and not BooleanArray &&
            array.Data.DataType is FixedWidthType { BitWidth: 64 or 128 } type)
        {
            var bytes = array.Data.Buffers[1].Span;
            var noNulls = array.NullCount == 0;
            if (type.BitWidth == 64)
            {
                var longs = MemoryMarshal.Cast<byte, long>(bytes)[array.Data.Offset..];
                foreach (var p in pairs)
                {
                    if (longs[p] == longs[p + 1] && (noNulls || array.IsNull(p) == array.IsNull(p + 1)))
                    {
                        pairs[kept++] = p;
                    }
                }
            }
            else
            {
                var wide = MemoryMarshal.Cast<byte, Int128>(bytes)[array.Data.Offset..];
                foreach (var p in pairs)
                {
                    if (wide[p] == wide[p + 1] && (noNulls || array.IsNull(p) == array.IsNull(p + 1)))
                    {
                        pairs[kept++] = p;
                    }
                }
            }

            return kept;
        }

        foreach (var p in pairs)
        {
            if (SameValue(array, p, p + 1))
            {
                pairs[kept++] = p;
            }
        }

        return kept;
    }

    /// <summary>True when slots <paramref name="a"/> and <paramref name="b"/> hold the same value, bit for bit
    /// (two NULLs are the same).</summary>
    private static bool SameValue(IArrowArray array, int a, int b)
    {
        var nullA = array.IsNull(a);
        if (nullA || array.IsNull(b))
        {
            return nullA && array.IsNull(b);
        }

        switch (array)
        {
            case StringArray strings:
                return strings.GetBytes(a).SequenceEqual(strings.GetBytes(b));
            case BooleanArray booleans:
                return booleans.GetValue(a) == booleans.GetValue(b);
        }

        if (array.Data.DataType is not FixedWidthType { BitWidth: >= 8 } type)
        {
            return false;
        }

        var width = type.BitWidth / 8;
        var values = array.Data.Buffers[1].Span;
        var offset = array.Data.Offset;
        return values.Slice((offset + a) * width, width).SequenceEqual(values.Slice((offset + b) * width, width));
    }
}
