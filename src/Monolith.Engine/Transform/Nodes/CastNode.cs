using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// CAST between the supported types. Conversions that lose nothing run as plain loops; those that can fail
/// (out of range, too many digits, text that is not a value) flag the row, which becomes NULL and is counted
/// as an overflow or as invalid input. Rounding is half away from zero, as MySQL rounds.
/// </summary>
internal sealed partial class CastNode : Node
{
    private readonly Node _input;
    private ulong[] _overflow = [];
    private ulong[] _invalid = [];

    public CastNode(Node input, IArrowType type)
        : base(type)
    {
        _input = input;
        if (!Supports(input.Type, type))
        {
            throw new ExpressionException($"CAST from {input.Type.Name} to {type.Name} is not supported.");
        }
    }

    /// <summary>Whether a conversion between the two types exists.</summary>
    public static bool Supports(IArrowType from, IArrowType to)
    {
        var source = Vector.KindOf(from);
        return to.TypeId switch
        {
            ArrowTypeId.Int64 or ArrowTypeId.UInt64 or ArrowTypeId.Double or ArrowTypeId.Boolean =>
                IsNumeric(from) || source is VectorKind.Boolean || from.TypeId == ArrowTypeId.String,
            ArrowTypeId.Decimal128 => IsNumeric(from) || source is VectorKind.Boolean or VectorKind.Decimal256
                || from.TypeId == ArrowTypeId.String,
            ArrowTypeId.Decimal256 => source is VectorKind.Decimal128 or VectorKind.Decimal256
                || from.TypeId == ArrowTypeId.Int64,
            ArrowTypeId.String => source != VectorKind.Decimal256,
            ArrowTypeId.Binary => source == VectorKind.Bytes,
            ArrowTypeId.Timestamp or ArrowTypeId.Date32 =>
                from.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.String,
            ArrowTypeId.Duration => from.TypeId is ArrowTypeId.Duration or ArrowTypeId.String,
            _ => false,
        };
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var length = context.Length;
        var overflow = Scratch.Words(ref _overflow, Vector.WordCount(length));
        var invalid = Scratch.Words(ref _invalid, Vector.WordCount(length));
        switch (Type.TypeId)
        {
            case ArrowTypeId.Int64:
                ToInt64(input, Output.StartValues<long>(length), overflow, invalid);
                break;
            case ArrowTypeId.UInt64:
                ToUInt64(input, Output.StartValues<ulong>(length), overflow, invalid);
                break;
            case ArrowTypeId.Double:
                ToDouble(input, Output.StartValues<double>(length), invalid);
                break;
            case ArrowTypeId.Decimal128:
                ToDecimal(input, Output.StartValues<Int128>(length), overflow, invalid);
                break;
            case ArrowTypeId.Decimal256:
                ToDecimal256(input, Output.StartValues<Int256>(length), overflow);
                break;
            case ArrowTypeId.Boolean:
                ToBoolean(input, Output.StartBits(length), invalid);
                break;
            case ArrowTypeId.String or ArrowTypeId.Binary:
                ToBytes(input, length, invalid);
                break;
            default:
                ToTemporal(input, Output.StartValues<long>(length), invalid);
                break;
        }

        Validity.From(Output, input);
        context.Counters.Overflows += Output.NullifyFlagged(overflow);
        context.Counters.InvalidInputs += Output.NullifyFlagged(invalid);
    }

    private static bool IsNumeric(IArrowType type) =>
        type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.UInt64 or ArrowTypeId.Double or ArrowTypeId.Decimal128
            or ArrowTypeId.Int8;

    private static void Flag(Span<ulong> words, int i) => words[i >> 6] |= 1UL << i;

    private static bool TryRound(double value, out long result)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        if (!(rounded >= -9.2233720368547758E+18 && rounded < 9.2233720368547758E+18))
        {
            result = 0;
            return false;
        }

        result = (long)rounded;
        return true;
    }

    private static bool TryRoundDecimal(Int128 unscaled, int scale, out long result)
    {
        DecimalMath.TryRescaleRounded(unscaled, scale, 0, out var integer);
        result = (long)integer;
        return integer >= long.MinValue && integer <= long.MaxValue;
    }

    private void ToInt64(Vector input, Span<long> result, Span<ulong> overflow, Span<ulong> invalid)
    {
        for (var i = 0; i < result.Length; i++)
        {
            long value = 0;
            var ok = true;
            switch (input.Kind)
            {
                case VectorKind.Int64:
                    value = input.ValuesAs<long>()[i];
                    break;
                case VectorKind.UInt64:
                    var unsigned = input.ValuesAs<ulong>()[i];
                    ok = unsigned <= long.MaxValue;
                    value = (long)unsigned;
                    break;
                case VectorKind.Double:
                    ok = TryRound(input.ValuesAs<double>()[i], out value);
                    break;
                case VectorKind.Decimal128:
                    ok = TryRoundDecimal(input.ValuesAs<Int128>()[i], input.Scale, out value);
                    break;
                case VectorKind.Boolean:
                    value = Bitmaps.Get(input.BitWords, i) ? 1 : 0;
                    break;
                default:
                    if (!TextParse.Int64(input.GetBytes(i), out value))
                    {
                        Flag(invalid, i);
                    }

                    break;
            }

            result[i] = value;
            if (!ok)
            {
                Flag(overflow, i);
            }
        }
    }

    private void ToUInt64(Vector input, Span<ulong> result, Span<ulong> overflow, Span<ulong> invalid)
    {
        for (var i = 0; i < result.Length; i++)
        {
            ulong value = 0;
            var ok = true;
            switch (input.Kind)
            {
                case VectorKind.Int64:
                    var signed = input.ValuesAs<long>()[i];
                    ok = signed >= 0;
                    value = (ulong)signed;
                    break;
                case VectorKind.UInt64:
                    value = input.ValuesAs<ulong>()[i];
                    break;
                case VectorKind.Double:
                    var rounded = Math.Round(input.ValuesAs<double>()[i], MidpointRounding.AwayFromZero);
                    ok = rounded is >= 0 and < 1.8446744073709552E+19;
                    value = ok ? (ulong)rounded : 0;
                    break;
                case VectorKind.Decimal128:
                    DecimalMath.TryRescaleRounded(input.ValuesAs<Int128>()[i], input.Scale, 0, out var integer);
                    ok = integer >= 0 && integer <= ulong.MaxValue;
                    value = ok ? (ulong)integer : 0;
                    break;
                case VectorKind.Boolean:
                    value = Bitmaps.Get(input.BitWords, i) ? 1UL : 0UL;
                    break;
                default:
                    if (!TextParse.UInt64(input.GetBytes(i), out value))
                    {
                        Flag(invalid, i);
                    }

                    break;
            }

            result[i] = value;
            if (!ok)
            {
                Flag(overflow, i);
            }
        }
    }

    private static void ToDouble(Vector input, Span<double> result, Span<ulong> invalid)
    {
        var divisor = Math.Pow(10, input.Scale);
        for (var i = 0; i < result.Length; i++)
        {
            double value = 0;
            switch (input.Kind)
            {
                case VectorKind.Int64:
                    value = input.ValuesAs<long>()[i];
                    break;
                case VectorKind.UInt64:
                    value = input.ValuesAs<ulong>()[i];
                    break;
                case VectorKind.Double:
                    value = input.ValuesAs<double>()[i];
                    break;
                case VectorKind.Decimal128:
                    value = (double)input.ValuesAs<Int128>()[i] / divisor;
                    break;
                case VectorKind.Boolean:
                    value = Bitmaps.Get(input.BitWords, i) ? 1 : 0;
                    break;
                default:
                    if (!TextParse.Double(input.GetBytes(i), out value))
                    {
                        Flag(invalid, i);
                    }

                    break;
            }

            result[i] = value;
        }
    }
}
