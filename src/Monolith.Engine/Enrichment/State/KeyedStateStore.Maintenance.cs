using System.Diagnostics;
using FASTER.core;

namespace Monolith.Engine.Enrichment.State;

internal sealed partial class KeyedStateStore
{
    /// <summary>
    /// Compacts the log when it is due; called after every write. A memory-only log is compacted whole when it has
    /// grown past its threshold, before FASTER would drop its oldest pages. A log that spills to disk is compacted
    /// only when it has outgrown twice the memory budget and at least half of its records are superseded
    /// versions or tombstones (an insert-only store never is), and then one slice at a time, so that no single
    /// write waits for gigabytes of live records to be copied.
    /// </summary>
    private void Maintain()
    {
        var logBytes = _kv.Log.TailAddress - _kv.Log.BeginAddress;
        if (_device is null)
        {
            if (logBytes > _compactAt)
            {
                Compact();
            }

            return;
        }

        if (logBytes > _compactAt && SupersededRecords * 2 > _recordsInLog)
        {
            CompactSlice(Math.Min(_kv.Log.SafeReadOnlyAddress, _kv.Log.BeginAddress + CompactionSliceBytes));
        }
    }

    /// <summary>Records in the log that are not the live version of their key: an estimate from the writes
    /// counted since the last compaction (an update FASTER made in place is counted too, which only errs towards
    /// compacting early).</summary>
    private long SupersededRecords => Math.Max(0, _recordsInLog - _liveKeys);

    /// <summary>The most bytes of log one compaction step reads from disk.</summary>
    private long CompactionSliceBytes => Math.Max(_settings.PageSize * 4L, _memoryBytes / 32);

    /// <summary>
    /// Copies the live records of the older part of the log to its tail and drops that part. In memory the whole
    /// log is made read-only first, so that all of it can be compacted; on disk the part already read-only is.
    /// </summary>
    /// <exception cref="EnrichmentStateException">In memory, the live records alone come close to the budget.
    /// </exception>
    internal void Compact()
    {
        if (_device is null)
        {
            _kv.Log.ShiftReadOnlyAddress(_kv.Log.TailAddress, wait: true);
        }

        CompactSlice(_kv.Log.SafeReadOnlyAddress);
    }

    /// <summary>Compacts the log below <paramref name="until"/> (a read-only address).</summary>
    private void CompactSlice(long until)
    {
        var started = Stopwatch.GetTimestamp();
        var before = LogBytes;
        if (until > _kv.Log.BeginAddress)
        {
            _session.Compact(until, CompactionType.Lookup);
        }

        var after = LogBytes;
        Volatile.Write(ref _compactions, _compactions + 1);
        EnrichmentLog.Compacted(_logger, Name, before, after,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // The slice held its share of the superseded records; what it held live now sits at the tail.
        _recordsInLog = before <= 0 || after >= before
            ? _recordsInLog
            : _liveKeys + (long)(SupersededRecords * ((double)after / before));
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
