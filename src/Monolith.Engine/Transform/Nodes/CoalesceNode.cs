using Apache.Arrow.Types;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>COALESCE: each row takes its first non-NULL argument (all of the result type).</summary>
internal sealed class CoalesceNode : Node
{
    private readonly Node[] _arguments;
    private readonly Vector[] _sources;
    private int[] _chosen = [];

    public CoalesceNode(Node[] arguments, IArrowType type)
        : base(type)
    {
        _arguments = arguments;
        _sources = new Vector[arguments.Length];
    }

    protected override void Compute(EvaluationContext context)
    {
        var length = context.Length;
        if (_chosen.Length < length)
        {
            _chosen = new int[Math.Max(length, _chosen.Length * 2)];
        }

        var chosen = _chosen.AsSpan(0, length);
        chosen.Fill(-1);
        for (var k = _arguments.Length - 1; k >= 0; k--)
        {
            var source = _arguments[k].Evaluate(context);
            _sources[k] = source;
            if (!source.HasNulls)
            {
                chosen.Fill(k);
                continue;
            }

            var valid = source.ValidityWords;
            for (var i = 0; i < length; i++)
            {
                if ((valid[i >> 6] & (1UL << i)) != 0)
                {
                    chosen[i] = k;
                }
            }
        }

        RowPicker.Pick(Output, _sources, chosen, length);
    }
}
