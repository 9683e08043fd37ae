using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>Conversions to DECIMAL and to Boolean.</summary>
internal sealed partial class CastNode
{
    private void ToDecimal(Vector input, Span<Int128> result, Span<ulong> overflow, Span<ulong> invalid)
    {
        var type = (Decimal128Type)Type;
        var scale = type.Scale;
        var factor = Math.Pow(10, scale);
        for (var i = 0; i < result.Length; i++)
        {
            Int128 value = 0;
            var ok = true;
            switch (input.Kind)
            {
                case VectorKind.Int64:
                    ok = DecimalMath.TryMultiplyPow10(input.ValuesAs<long>()[i], scale, out value);
                    break;
                case VectorKind.UInt64:
                    ok = DecimalMath.TryMultiplyPow10(input.ValuesAs<ulong>()[i], scale, out value);
                    break;
                case VectorKind.Double:
                    var scaled = Math.Round(input.ValuesAs<double>()[i] * factor, MidpointRounding.AwayFromZero);
                    ok = Math.Abs(scaled) < 1e38;
                    value = ok ? (Int128)scaled : 0;
                    break;
                case VectorKind.Decimal128:
                    ok = DecimalMath.TryRescaleRounded(input.ValuesAs<Int128>()[i], input.Scale, scale, out value);
                    break;
                case VectorKind.Decimal256:
                    ok = input.ValuesAs<Int256>()[i].TryToInt128(out var narrow)
                        && DecimalMath.TryRescaleRounded(narrow, input.Scale, scale, out value);
                    break;
                case VectorKind.Boolean:
                    value = Bitmaps.Get(input.BitWords, i) ? DecimalMath.Pow10(scale) : 0;
                    break;
                default:
                    if (!TextParse.Decimal(input.GetBytes(i), scale, out value))
                    {
                        Flag(invalid, i);
                        value = 0;
                    }

                    break;
            }

            if (!ok || !DecimalMath.FitsPrecision(value, type.Precision))
            {
                Flag(overflow, i);
                value = 0;
            }

            result[i] = value;
        }
    }

    private void ToDecimal256(Vector input, Span<Int256> result, Span<ulong> overflow)
    {
        var type = (Decimal256Type)Type;
        for (var i = 0; i < result.Length; i++)
        {
            var (value, scale) = input.Kind switch
            {
                VectorKind.Int64 => (Int256.FromInt128(input.ValuesAs<long>()[i]), 0),
                VectorKind.Decimal128 => (Int256.FromInt128(input.ValuesAs<Int128>()[i]), input.Scale),
                _ => (input.ValuesAs<Int256>()[i], input.Scale),
            };
            var ok = scale <= type.Scale;
            var negative = value.IsNegative;
            var magnitude = negative ? value.Negate() : value;
            for (var s = scale; ok && s < type.Scale; s++)
            {
                ok = Int256.TryMultiplyAdd(magnitude, 10, 0, out magnitude);
            }

            value = negative ? magnitude.Negate() : magnitude;
            if (!ok || !DecimalMath.FitsPrecision(value, type.Precision))
            {
                Flag(overflow, i);
                value = Int256.Zero;
            }

            result[i] = value;
        }
    }

    private static void ToBoolean(Vector input, Span<ulong> bits, Span<ulong> invalid)
    {
        var length = input.Length;
        for (var i = 0; i < length; i++)
        {
            var value = input.Kind switch
            {
                VectorKind.Int64 => input.ValuesAs<long>()[i] != 0,
                VectorKind.UInt64 => input.ValuesAs<ulong>()[i] != 0,
                VectorKind.Double => input.ValuesAs<double>()[i] != 0,
                VectorKind.Decimal128 => input.ValuesAs<Int128>()[i] != 0,
                VectorKind.Boolean => Bitmaps.Get(input.BitWords, i),
                _ => ParseBoolean(input.GetBytes(i), invalid, i),
            };
            if (value)
            {
                Flag(bits, i);
            }
        }
    }

    private static bool ParseBoolean(ReadOnlySpan<byte> text, Span<ulong> invalid, int i)
    {
        if (TextParse.Double(text, out var number))
        {
            return number != 0;
        }

        Flag(invalid, i);
        return false;
    }
}
