using System.Runtime.Intrinsics;
using Apache.Arrow.Types;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// AND / OR of two or more Boolean operands with SQL's three-valued logic, 64 rows per word operation.
/// With T = valid AND value and F = valid AND NOT value per operand: AND is T = all T, F = any F; OR is
/// T = any T, F = all F; the result is valid where T or F holds.
/// </summary>
internal sealed class LogicNode : Node
{
    private readonly bool _isAnd;
    private readonly Node[] _operands;
    private ulong[] _falsity = [];
    private ulong[] _otherTruth = [];
    private ulong[] _otherFalsity = [];

    public LogicNode(bool isAnd, Node[] operands)
        : base(BooleanType.Default)
    {
        _isAnd = isAnd;
        _operands = operands;
    }

    protected override void Compute(EvaluationContext context)
    {
        var length = context.Length;
        var first = _operands[0].Evaluate(context);
        var words = Vector.WordCount(length);
        var truth = Output.StartBits(length);
        var falsity = Scratch(ref _falsity, words);
        Load(first, truth, falsity, words);

        var otherTruth = Scratch(ref _otherTruth, words);
        var otherFalsity = Scratch(ref _otherFalsity, words);
        for (var k = 1; k < _operands.Length; k++)
        {
            Load(_operands[k].Evaluate(context), otherTruth, otherFalsity, words);
            if (_isAnd)
            {
                Bitmaps.And(truth, otherTruth, truth, context.Simd);
                Bitmaps.Or(falsity, otherFalsity, falsity, context.Simd);
            }
            else
            {
                Bitmaps.Or(truth, otherTruth, truth, context.Simd);
                Bitmaps.And(falsity, otherFalsity, falsity, context.Simd);
            }
        }

        var validity = Output.StartValidity();
        var tail = (length & 63) == 0 ? ulong.MaxValue : (1UL << (length & 63)) - 1;
        for (var w = 0; w < words; w++)
        {
            var mask = w == words - 1 ? tail : ulong.MaxValue;
            validity[w] = (truth[w] | falsity[w]) & mask;
        }

        if (Bitmaps.PopCount(validity) == length)
        {
            Output.ClearValidity();
        }
    }

    private static Span<ulong> Scratch(ref ulong[] buffer, int words)
    {
        if (buffer.Length < words)
        {
            buffer = new ulong[Math.Max(words, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, words);
    }

    /// <summary>Splits an operand into its true and false bitmaps.</summary>
    private static void Load(Vector operand, Span<ulong> truth, Span<ulong> falsity, int words)
    {
        var bits = operand.BitWords;
        if (!operand.HasNulls)
        {
            for (var w = 0; w < words; w++)
            {
                truth[w] = bits[w];
                falsity[w] = ~bits[w];
            }

            return;
        }

        var valid = operand.ValidityWords;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= words; i += 4)
            {
                var b = Vector256.Create(bits[i..]);
                var v = Vector256.Create(valid[i..]);
                (b & v).CopyTo(truth[i..]);
                Vector256.AndNot(v, b).CopyTo(falsity[i..]);
            }
        }

        for (; i < words; i++)
        {
            truth[i] = bits[i] & valid[i];
            falsity[i] = valid[i] & ~bits[i];
        }
    }
}
