using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>x + INTERVAL amount unit for Timestamp and Date32 inputs; out-of-range results are NULL.</summary>
internal sealed class DateAddNode : Node
{
    private readonly Node _input;
    private readonly Node _amount;
    private readonly IntervalPart _unit;
    private ulong[] _overflow = [];

    public DateAddNode(Node input, Node amount, IntervalPart unit, IArrowType type)
        : base(type)
    {
        _input = input;
        _amount = amount;
        _unit = unit;
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var amounts = _amount.Evaluate(context);
        var values = input.ValuesAs<long>();
        var deltas = amounts.ValuesAs<long>();
        var length = context.Length;
        var result = Output.StartValues<long>(length);
        var overflow = Scratch.Words(ref _overflow, Vector.WordCount(length));
        var fromDate = input.Type.TypeId == ArrowTypeId.Date32;
        var toDate = Type.TypeId == ArrowTypeId.Date32;
        for (var i = 0; i < length; i++)
        {
            bool ok;
            long value;
            if (toDate)
            {
                ok = TemporalKernels.TryAddDays(values[i], deltas[i], _unit, out value);
            }
            else
            {
                var micros = fromDate ? values[i] * CivilCalendar.MicrosPerDay : values[i];
                ok = TemporalKernels.TryAddMicros(micros, deltas[i], _unit, out value);
            }

            result[i] = value;
            if (!ok)
            {
                overflow[i >> 6] |= 1UL << i;
            }
        }

        Validity.FromBoth(Output, input, amounts, context.Simd);
        context.Counters.Overflows += Output.NullifyFlagged(overflow);
    }
}
