using Apache.Arrow.Types;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// CASE (and NULLIF, bound as a CASE): each row takes the value of the first branch whose condition is
/// true, else the ELSE value, else NULL. All branch values are computed for the whole batch, then picked.
/// </summary>
internal sealed class CaseNode : Node
{
    private readonly Node[] _conditions;
    private readonly Node[] _values;
    private readonly Node? _else;
    private readonly Vector[] _sources;
    private int[] _chosen = [];
    private ulong[] _decided = [];

    /// <param name="conditions">Boolean conditions.</param>
    /// <param name="values">Branch values, already of the result type.</param>
    /// <param name="otherwise">ELSE value of the result type, or null.</param>
    /// <param name="type">The result type.</param>
    public CaseNode(Node[] conditions, Node[] values, Node? otherwise, IArrowType type)
        : base(type)
    {
        _conditions = conditions;
        _values = values;
        _else = otherwise;
        _sources = new Vector[values.Length + (otherwise is null ? 0 : 1)];
    }

    protected override void Compute(EvaluationContext context)
    {
        var length = context.Length;
        if (_chosen.Length < length)
        {
            _chosen = new int[Math.Max(length, _chosen.Length * 2)];
        }

        var chosen = _chosen.AsSpan(0, length);
        chosen.Fill(_else is null ? -1 : _values.Length);
        var decided = Scratch.Words(ref _decided, Vector.WordCount(length));
        for (var k = 0; k < _conditions.Length; k++)
        {
            var condition = _conditions[k].Evaluate(context);
            var bits = condition.BitWords;
            var valid = condition.HasNulls ? condition.ValidityWords : default;
            for (var w = 0; w < decided.Length; w++)
            {
                // Rows whose condition is true (valid and set) and that no earlier branch took.
                var taken = bits[w] & (valid.IsEmpty ? ulong.MaxValue : valid[w]) & ~decided[w];
                decided[w] |= taken;
                while (taken != 0)
                {
                    var i = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(taken);
                    taken &= taken - 1;
                    if (i < length)
                    {
                        chosen[i] = k;
                    }
                }
            }
        }

        for (var k = 0; k < _values.Length; k++)
        {
            _sources[k] = _values[k].Evaluate(context);
        }

        if (_else is not null)
        {
            _sources[^1] = _else.Evaluate(context);
        }

        RowPicker.Pick(Output, _sources, chosen, length);
    }
}
