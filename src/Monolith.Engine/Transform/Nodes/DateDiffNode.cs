using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>TIMESTAMPDIFF(unit, start, end) over Timestamp or Date32 inputs (dates count from midnight).
/// </summary>
internal sealed class DateDiffNode : Node
{
    private readonly IntervalPart _unit;
    private readonly Node _start;
    private readonly Node _end;

    public DateDiffNode(IntervalPart unit, Node start, Node end)
        : base(Int64Type.Default)
    {
        _unit = unit;
        _start = start;
        _end = end;
    }

    protected override void Compute(EvaluationContext context)
    {
        var start = _start.Evaluate(context);
        var end = _end.Evaluate(context);
        var starts = start.ValuesAs<long>();
        var ends = end.ValuesAs<long>();
        var startScale = start.Type.TypeId == ArrowTypeId.Date32 ? CivilCalendar.MicrosPerDay : 1;
        var endScale = end.Type.TypeId == ArrowTypeId.Date32 ? CivilCalendar.MicrosPerDay : 1;
        var result = Output.StartValues<long>(context.Length);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = TemporalKernels.Difference(_unit, starts[i] * startScale, ends[i] * endScale);
        }

        Validity.FromBoth(Output, start, end, context.Simd);
    }
}
