using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>EXTRACT(field FROM x) for Timestamp, Date32 and Duration (TIME) inputs.</summary>
internal sealed class ExtractNode : Node
{
    private readonly DateField _field;
    private readonly Node _input;

    public ExtractNode(DateField field, Node input)
        : base(Int64Type.Default)
    {
        _field = field;
        _input = input;
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var values = input.ValuesAs<long>();
        var result = Output.StartValues<long>(context.Length);
        switch (input.Type.TypeId)
        {
            case ArrowTypeId.Date32:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = TemporalKernels.ExtractFromDays(_field, values[i]);
                }

                break;
            case ArrowTypeId.Duration:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = TemporalKernels.ExtractFromTime(_field, values[i]);
                }

                break;
            default:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = TemporalKernels.Extract(_field, values[i]);
                }

                break;
        }

        Validity.From(Output, input);
    }
}
