using Apache.Arrow.Types;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary><c>NOT a</c>: flips the value bits; NULL stays NULL.</summary>
internal sealed class NotNode : Node
{
    private readonly Node _operand;

    public NotNode(Node operand)
        : base(BooleanType.Default) => _operand = operand;

    protected override void Compute(EvaluationContext context)
    {
        var input = _operand.Evaluate(context);
        var bits = Output.StartBits(context.Length);
        var source = input.BitWords;
        for (var w = 0; w < bits.Length; w++)
        {
            bits[w] = ~source[w];
        }

        if ((context.Length & 63) != 0)
        {
            bits[^1] &= (1UL << (context.Length & 63)) - 1;
        }

        Validity.From(Output, input);
    }
}
