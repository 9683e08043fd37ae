using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;
using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// <c>left op right</c> over operands the compiler brought to one kind. A constant operand is always on
/// the right (the compiler mirrors the operator) and is never materialised.
/// </summary>
internal sealed class CompareNode : Node
{
    private readonly ScalarFunction _function;
    private readonly Node _left;
    private readonly Node _right;

    public CompareNode(ScalarFunction function, Node left, Node right)
        : base(BooleanType.Default)
    {
        _function = function;
        _left = left;
        _right = right;
    }

    protected override void Compute(EvaluationContext context)
    {
        switch (_function)
        {
            case ScalarFunction.Equal:
                Run<EqualOperator>(context);
                break;
            case ScalarFunction.NotEqual:
                Run<NotEqualOperator>(context);
                break;
            case ScalarFunction.Less:
                Run<LessOperator>(context);
                break;
            case ScalarFunction.LessOrEqual:
                Run<LessOrEqualOperator>(context);
                break;
            case ScalarFunction.Greater:
                Run<GreaterOperator>(context);
                break;
            default:
                Run<GreaterOrEqualOperator>(context);
                break;
        }
    }

    private void Run<TOp>(EvaluationContext context)
        where TOp : struct, IComparisonOperator
    {
        var left = _left.Evaluate(context);
        var length = context.Length;
        var simd = context.Simd;
        if (_right is LiteralNode literal)
        {
            var constant = literal.Value;
            var bits = Output.StartBits(length);
            if (constant.IsNull)
            {
                Output.StartValidity().Clear();
                return;
            }

            switch (left.Kind)
            {
                case VectorKind.Int64:
                    CompareKernels.NumberScalar<long, TOp>(left.ValuesAs<long>(), constant.Int64, bits, simd);
                    break;
                case VectorKind.UInt64:
                    CompareKernels.NumberScalar<ulong, TOp>(left.ValuesAs<ulong>(), constant.UInt64, bits, simd);
                    break;
                case VectorKind.Double:
                    CompareKernels.NumberScalar<double, TOp>(left.ValuesAs<double>(), constant.Double, bits, simd);
                    break;
                case VectorKind.Decimal128:
                    CompareDecimalConstant<TOp>(left, constant, bits);
                    break;
                case VectorKind.Decimal256:
                    CompareKernels.Int256Scalar<TOp>(left.ValuesAs<Int256>(), constant.Decimal256, bits);
                    break;
                case VectorKind.Bytes:
                    CompareKernels.BytesScalar<TOp>(left.Offsets, left.Data.Span, constant.Bytes, length, bits);
                    break;
                default:
                    CompareBooleanConstant<TOp>(left, constant.Boolean, length, bits);
                    break;
            }

            Validity.From(Output, left);
            return;
        }

        var right = _right.Evaluate(context);
        var result = Output.StartBits(length);
        switch (left.Kind)
        {
            case VectorKind.Int64:
                CompareKernels.NumberVector<long, TOp>(left.ValuesAs<long>(), right.ValuesAs<long>(), result, simd);
                break;
            case VectorKind.UInt64:
                CompareKernels.NumberVector<ulong, TOp>(left.ValuesAs<ulong>(), right.ValuesAs<ulong>(), result, simd);
                break;
            case VectorKind.Double:
                CompareKernels.NumberVector<double, TOp>(
                    left.ValuesAs<double>(), right.ValuesAs<double>(), result, simd);
                break;
            case VectorKind.Decimal128:
                CompareKernels.DecimalVector<TOp>(
                    left.ValuesAs<Int128>(), left.Scale, right.ValuesAs<Int128>(), right.Scale, result);
                break;
            case VectorKind.Decimal256:
                CompareKernels.Int256Vector<TOp>(left.ValuesAs<Int256>(), right.ValuesAs<Int256>(), result);
                break;
            case VectorKind.Bytes:
                CompareKernels.BytesVector<TOp>(
                    left.Offsets, left.Data.Span, right.Offsets, right.Data.Span, length, result);
                break;
            default:
                CompareKernels.BooleanVector<TOp>(left.BitWords, right.BitWords, length, result);
                break;
        }

        Validity.FromBoth(Output, left, right, simd);
    }

    private static void CompareDecimalConstant<TOp>(Vector left, ScalarValue constant, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        var values = left.ValuesAs<Int128>();
        if (constant.Scale == left.Scale)
        {
            CompareKernels.Int128Scalar<TOp>(values, constant.Decimal, bits);
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (TOp.FromOrder(CompareKernels.CompareDecimal(values[i], left.Scale, constant.Decimal, constant.Scale)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }

    private static void CompareBooleanConstant<TOp>(Vector left, bool constant, int length, Span<ulong> bits)
        where TOp : struct, IComparisonOperator
    {
        var words = left.BitWords;
        var b = constant ? 1 : 0;
        for (var i = 0; i < length; i++)
        {
            var a = (int)((words[i >> 6] >> i) & 1);
            if (TOp.FromOrder(a.CompareTo(b)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }
}
