namespace Monolith.Engine.Changes;

/// <summary>
/// Buffer sets (one <see cref="ColumnBuffers"/> per column) of disposed batches, waiting to be refilled.
/// Batches are disposed on the consumer's thread and rented on the builder's, so access is locked; the lock
/// is taken once per batch, never per row.
/// </summary>
internal sealed class ChangeBufferPool
{
    private readonly Stack<ColumnBuffers[]> _sets = new();
    private readonly int _capacity;
    private bool _closed;

    public ChangeBufferPool(int capacity) => _capacity = capacity;

    public ColumnBuffers[]? TryRent()
    {
        lock (_sets)
        {
            return _sets.TryPop(out var set) ? set : null;
        }
    }

    public void Return(ColumnBuffers[] set)
    {
        lock (_sets)
        {
            if (!_closed && _sets.Count < _capacity)
            {
                _sets.Push(set);
                return;
            }
        }

        Free(set);
    }

    /// <summary>Frees the pooled sets; sets returned later are freed at once.</summary>
    public void Close()
    {
        lock (_sets)
        {
            _closed = true;
            while (_sets.TryPop(out var set))
            {
                Free(set);
            }
        }
    }

    private static void Free(ColumnBuffers[] set)
    {
        foreach (var buffers in set)
        {
            buffers.Free();
        }
    }
}
