using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Nodes;

/// <summary><c>a IS [NOT] NULL</c>: the validity bitmap itself, never NULL.</summary>
internal sealed class IsNullNode : Node
{
    private readonly Node _operand;
    private readonly bool _negated;

    public IsNullNode(Node operand, bool negated)
        : base(BooleanType.Default)
    {
        _operand = operand;
        _negated = negated;
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _operand.Evaluate(context);
        var length = context.Length;
        var bits = Output.StartBits(length);
        if (input.HasNulls)
        {
            var valid = input.ValidityWords;
            for (var w = 0; w < bits.Length; w++)
            {
                bits[w] = _negated ? valid[w] : ~valid[w];
            }
        }
        else if (_negated)
        {
            bits.Fill(ulong.MaxValue);
        }

        if ((length & 63) != 0 && bits.Length > 0)
        {
            bits[^1] &= (1UL << (length & 63)) - 1;
        }

        Output.ClearValidity();
    }
}
