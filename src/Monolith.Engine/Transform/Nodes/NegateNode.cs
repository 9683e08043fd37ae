using Apache.Arrow.Types;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>Unary minus for Int64 (negating the minimum overflows), Double and Decimal128.</summary>
internal sealed class NegateNode : Node
{
    private readonly Node _operand;
    private ulong[] _overflow = [];

    public NegateNode(Node operand, IArrowType type)
        : base(type) => _operand = operand;

    protected override void Compute(EvaluationContext context)
    {
        var input = _operand.Evaluate(context);
        var length = context.Length;
        var overflow = Scratch.Words(ref _overflow, Vector.WordCount(length));
        switch (input.Kind)
        {
            case VectorKind.Int64:
                IntegerKernels.Negate(input.ValuesAs<long>(), Output.StartValues<long>(length), overflow);
                break;
            case VectorKind.Double:
                var values = input.ValuesAs<double>();
                var result = Output.StartValues<double>(length);
                for (var i = 0; i < length; i++)
                {
                    result[i] = -values[i];
                }

                break;
            default:
                DecimalKernels.Negate(input.ValuesAs<Int128>(), Output.StartValues<Int128>(length));
                break;
        }

        Validity.From(Output, input);
        context.Counters.Overflows += Output.NullifyFlagged(overflow);
    }
}
