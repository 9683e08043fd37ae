using Apache.Arrow.Types;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary><c>text [NOT] LIKE pattern</c> with a compiled matcher; NULL text gives NULL.</summary>
internal sealed class LikeNode : Node
{
    private readonly Node _input;
    private readonly LikeMatcher _matcher;
    private readonly bool _negated;

    public LikeNode(Node input, LikeMatcher matcher, bool negated)
        : base(BooleanType.Default)
    {
        _input = input;
        _matcher = matcher;
        _negated = negated;
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var length = context.Length;
        var bits = Output.StartBits(length);
        var offsets = input.Offsets;
        var data = input.Data.Span;
        for (var i = 0; i < length; i++)
        {
            if (_matcher.IsMatch(data[offsets[i]..offsets[i + 1]]) != _negated)
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        Validity.From(Output, input);
    }
}
