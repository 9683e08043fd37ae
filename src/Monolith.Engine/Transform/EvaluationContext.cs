using Apache.Arrow;

namespace Monolith.Engine.Transform;

/// <summary>
/// What every node of one compiled expression list sees while one batch is evaluated: the batch, the optional
/// selection of rows, the batch stamp that lets shared sub-expressions run once, and the counters.
/// </summary>
internal sealed class EvaluationContext
{
    public EvaluationContext(TransformCounters counters, bool simd)
    {
        Counters = counters;
        Simd = simd;
    }

    public RecordBatch Batch { get; private set; } = null!;

    /// <summary>Rows of the batch to evaluate, or null for all.</summary>
    public int[]? Selection { get; private set; }

    /// <summary>Number of rows every vector of this evaluation holds.</summary>
    public int Length { get; private set; }

    /// <summary>Changes for every batch; a node computes at most once per stamp.</summary>
    public long Stamp { get; private set; }

    /// <summary>Whether kernels may take their SIMD paths.</summary>
    public bool Simd { get; }

    public TransformCounters Counters { get; }

    public void Begin(RecordBatch batch, int[]? selection, int selectionLength)
    {
        Batch = batch;
        Selection = selection;
        Length = selection is null ? batch.Length : selectionLength;
        Stamp++;
    }
}
