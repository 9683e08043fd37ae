using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// <c>+ - * / DIV %</c> over two operands of one kind (the compiler casts mixed operands). Overflow and
/// division by zero make the row NULL and are counted; nothing wraps silently.
/// </summary>
internal sealed class ArithmeticNode : Node
{
    private readonly ScalarFunction _function;
    private readonly Node _left;
    private readonly Node _right;
    private readonly int _scale;
    private readonly int _precision;
    private ulong[] _overflow = [];
    private ulong[] _zero = [];

    public ArithmeticNode(ScalarFunction function, Node left, Node right, IArrowType type)
        : base(type)
    {
        _function = function;
        _left = left;
        _right = right;
        if (type is Decimal128Type decimalType)
        {
            _scale = decimalType.Scale;
            _precision = decimalType.Precision;
        }
    }

    protected override void Compute(EvaluationContext context)
    {
        var a = _left.Evaluate(context);
        var b = _right.Evaluate(context);
        var length = context.Length;
        var words = Vector.WordCount(length);
        var overflow = Scratch.Words(ref _overflow, words);
        var zero = Scratch.Words(ref _zero, words);
        switch (a.Kind)
        {
            case VectorKind.Int64:
                ComputeInt64(a, b, length, overflow, zero, context.Simd);
                break;
            case VectorKind.UInt64:
                ComputeUInt64(a, b, length, overflow, zero);
                break;
            case VectorKind.Double:
                ComputeDouble(a, b, length, overflow, zero, context.Simd);
                break;
            default:
                ComputeDecimal(a, b, length, overflow, zero);
                break;
        }

        Validity.FromBoth(Output, a, b, context.Simd);
        context.Counters.Overflows += Output.NullifyFlagged(overflow);
        context.Counters.DivisionsByZero += Output.NullifyFlagged(zero);
    }

    private void ComputeInt64(Vector a, Vector b, int length, Span<ulong> overflow, Span<ulong> zero, bool simd)
    {
        var x = a.ValuesAs<long>();
        var y = b.ValuesAs<long>();
        var result = Output.StartValues<long>(length);
        switch (_function)
        {
            case ScalarFunction.Add:
                IntegerKernels.Add(x, y, result, overflow, simd);
                break;
            case ScalarFunction.Subtract:
                IntegerKernels.Subtract(x, y, result, overflow, simd);
                break;
            case ScalarFunction.Multiply:
                IntegerKernels.Multiply(x, y, result, overflow);
                break;
            case ScalarFunction.IntegerDivide:
                IntegerKernels.Divide(x, y, result, overflow, zero);
                break;
            default:
                IntegerKernels.Remainder(x, y, result, zero);
                break;
        }
    }

    private void ComputeUInt64(Vector a, Vector b, int length, Span<ulong> overflow, Span<ulong> zero)
    {
        var x = a.ValuesAs<ulong>();
        var y = b.ValuesAs<ulong>();
        if (_function == ScalarFunction.IntegerDivide && Output.Kind == VectorKind.Int64)
        {
            var quotient = Output.StartValues<long>(length);
            for (var i = 0; i < length; i++)
            {
                if (y[i] == 0)
                {
                    zero[i >> 6] |= 1UL << i;
                    quotient[i] = 0;
                    continue;
                }

                var q = x[i] / y[i];
                quotient[i] = (long)q;
                if (q > long.MaxValue)
                {
                    overflow[i >> 6] |= 1UL << i;
                }
            }

            return;
        }

        var result = Output.StartValues<ulong>(length);
        switch (_function)
        {
            case ScalarFunction.Add:
                IntegerKernels.AddUnsigned(x, y, result, overflow);
                break;
            case ScalarFunction.Subtract:
                IntegerKernels.SubtractUnsigned(x, y, result, overflow);
                break;
            case ScalarFunction.Multiply:
                IntegerKernels.MultiplyUnsigned(x, y, result, overflow);
                break;
            default:
                IntegerKernels.DivideUnsigned(x, y, result, zero, _function == ScalarFunction.Modulo);
                break;
        }
    }

    private void ComputeDouble(Vector a, Vector b, int length, Span<ulong> overflow, Span<ulong> zero, bool simd)
    {
        var x = a.ValuesAs<double>();
        var y = b.ValuesAs<double>();
        var result = Output.StartValues<double>(length);
        switch (_function)
        {
            case ScalarFunction.Add:
                DoubleKernels.Add(x, y, result, simd);
                break;
            case ScalarFunction.Subtract:
                DoubleKernels.Subtract(x, y, result, simd);
                break;
            case ScalarFunction.Multiply:
                DoubleKernels.Multiply(x, y, result, simd);
                break;
            default:
                DoubleKernels.Divide(x, y, result, zero, _function == ScalarFunction.Modulo);
                break;
        }

        DoubleKernels.FlagNonFinite(result, overflow);
    }

    private void ComputeDecimal(Vector a, Vector b, int length, Span<ulong> overflow, Span<ulong> zero)
    {
        var x = a.ValuesAs<Int128>();
        var y = b.ValuesAs<Int128>();
        if (_function == ScalarFunction.IntegerDivide)
        {
            DecimalKernels.IntegerDivide(x, a.Scale, y, b.Scale, Output.StartValues<long>(length), overflow, zero);
            return;
        }

        var result = Output.StartValues<Int128>(length);
        switch (_function)
        {
            case ScalarFunction.Add or ScalarFunction.Subtract:
                DecimalKernels.AddOrSubtract(x, a.Scale, y, b.Scale, _function == ScalarFunction.Subtract, _scale,
                    _precision, result, overflow);
                break;
            case ScalarFunction.Multiply:
                DecimalKernels.Multiply(x, a.Scale, y, b.Scale, _scale, _precision, result, overflow);
                break;
            case ScalarFunction.Divide:
                DecimalKernels.Divide(x, a.Scale, y, b.Scale, _scale, _precision, result, overflow, zero);
                break;
            default:
                DecimalKernels.Remainder(x, a.Scale, y, b.Scale, _scale, result, overflow, zero);
                break;
        }
    }
}
