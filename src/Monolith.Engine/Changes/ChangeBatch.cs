using Apache.Arrow;

namespace Monolith.Engine.Changes;

/// <summary>
/// A closed batch of row changes of one table: an Arrow <see cref="RecordBatch"/> of the materialised
/// columns plus the signed <c>__weight</c> column (Int8, last), over native buffers that belong to the batch
/// until it is disposed.
/// </summary>
/// <remarks>
/// Lifetime: the stage that finally consumes the batch disposes it, exactly once, on any thread. Disposing
/// hands the buffers back to the builder that made the batch, which overwrites them in a later batch; the
/// <see cref="RecordBatch"/> and every array or span taken from it must not be read after that. To keep data
/// longer, copy it first (<c>RecordBatch.Clone()</c> copies into managed memory). A batch dropped without
/// being disposed is freed by the garbage collector, at the cost of the reuse.
/// </remarks>
public sealed class ChangeBatch : IDisposable
{
    private readonly ChangeBufferPool _pool;
    private ColumnBuffers[]? _buffers;

    internal ChangeBatch(RecordBatch recordBatch, ColumnBuffers[] buffers, ChangeBufferPool pool, long number)
    {
        RecordBatch = recordBatch;
        _buffers = buffers;
        _pool = pool;
        Number = number;
        Weights = (Int8Array)recordBatch.Column(recordBatch.ColumnCount - 1);
    }

    /// <summary>The columns and the weight column, valid until <see cref="Dispose"/>.</summary>
    public RecordBatch RecordBatch { get; }

    /// <summary>The <c>__weight</c> column: +1 for a row image that enters, -1 for one that leaves.</summary>
    public Int8Array Weights { get; }

    /// <summary>Number of row images.</summary>
    public int Length => RecordBatch.Length;

    /// <summary>Position of this batch among those its builder closed, from 0.</summary>
    public long Number { get; }

    /// <summary>Returns the buffers to the builder for reuse. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffers, null) is { } buffers)
        {
            RecordBatch.Dispose();
            _pool.Return(buffers);
        }
    }
}
