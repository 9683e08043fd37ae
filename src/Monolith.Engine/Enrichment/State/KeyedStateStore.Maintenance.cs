using System.Diagnostics;
using FASTER.core;

namespace Monolith.Engine.Enrichment.State;

internal sealed partial class KeyedStateStore
{
    /// <summary>Compacts the log when it has grown past the threshold; called after every write.</summary>
    private void Maintain()
    {
        if (_kv.Log.TailAddress - _kv.Log.BeginAddress > _compactAt)
        {
            Compact();
        }
    }

    /// <summary>
    /// Copies the live records of the older part of the log to its tail and drops that part. In memory the whole
    /// log is made read-only first, so that all of it can be compacted; on disk the part already read-only is.
    /// </summary>
    /// <exception cref="EnrichmentStateException">In memory, the live records alone come close to the budget.
    /// </exception>
    internal void Compact()
    {
        var started = Stopwatch.GetTimestamp();
        var before = LogBytes;
        if (_device is null)
        {
            _kv.Log.ShiftReadOnlyAddress(_kv.Log.TailAddress, wait: true);
        }

        var until = _kv.Log.SafeReadOnlyAddress;
        if (until > _kv.Log.BeginAddress)
        {
            _session.Compact(until, CompactionType.Lookup);
        }

        var after = LogBytes;
        Volatile.Write(ref _compactions, _compactions + 1);
        EnrichmentLog.Compacted(_logger, Name, before, after,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (_device is null)
        {
            // A memory-only log whose pages were dropped has lost records: refuse to go on before that can happen.
            if (after > _memoryBytes / 4 * 3)
            {
                throw new EnrichmentStateException(
                    $"Enrichment state {Name} holds {after} bytes of live records, close to its memory budget of " +
                    $"{_memoryBytes} bytes. Configure State:Directory so that it can spill to disk, or raise " +
                    "Enrichment MemoryBytes.");
            }

            _compactAt = Math.Min(_memoryBytes / 8 * 7, Math.Max(_memoryBytes / 2, after * 2));
        }
        else
        {
            _compactAt = Math.Max(_memoryBytes * 2, after * 2);
        }
    }

    /// <summary>Doubles the hash index, so that chains stay short as keys are added.</summary>
    private void GrowIndex()
    {
        if (_kv.GrowIndex())
        {
            _buckets = _kv.IndexSize;
            EnrichmentLog.IndexGrown(_logger, Name, _buckets, _liveKeys);
        }
        else
        {
            // Growing did not complete; try again after as many keys again.
            _buckets *= 2;
        }
    }
}
