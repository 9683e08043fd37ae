using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monolith.Engine.Rings;

/// <summary>
/// One consumer of a <see cref="RingBuffer{T}"/>: reads published slots in batches and releases them so the
/// producer (and any reader chained after this one) may proceed. Used by a single thread.
/// </summary>
/// <remarks>
/// A read does not advance the reader: <see cref="TryRead"/> returns every sequence available after the last
/// release, and <see cref="Release(long)"/> moves past them. Between the two the slots belong to this reader; a
/// stage may modify them in place for the readers chained after it.
/// </remarks>
/// <typeparam name="T">The ring's slot type.</typeparam>
public sealed class RingReader<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly T[] _slots;
    private readonly long _mask;
    private readonly int _offset;
    private readonly Sequence _dependency;
    private readonly Sequence _sequence = new();
    private readonly WaitStrategy _waitStrategy;
    private readonly bool _signal;
    private readonly int _defaultBatch;
    private long _next;
    private long _cachedAvailable = Sequence.Initial;

    internal RingReader(RingBuffer<T> ring, Sequence dependency)
    {
        // Own copies of the slot array and mask: the hot path never loads the ring object, whose cache lines
        // the producer shares.
        _ring = ring;
        _slots = ring.Slots;
        _mask = ring.Mask;
        _offset = ring.SlotOffset;
        _defaultBatch = Math.Max(1, ring.Capacity / 4);
        _dependency = dependency;
        _waitStrategy = ring.WaitStrategy;
        _signal = ring.SignalsWaiters;
    }

    /// <summary>The last sequence this reader released; the producer and downstream readers gate on it.</summary>
    public Sequence Sequence => _sequence;

    /// <summary>Whether the ring is completed and this reader has released everything published.</summary>
    public bool IsCompleted => _ring.IsCompleted && _next > _ring.Cursor.Value;

    internal RingBuffer<T> Ring => _ring;

    /// <summary>The slot for a sequence this reader has read and not yet released.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _offset + (int)(sequence & _mask));
    }

    /// <summary>
    /// The longest contiguous run of read slots from <paramref name="first"/> to at most <paramref name="last"/>
    /// that does not cross the end of the array; loop until the whole range is covered.
    /// </summary>
    public Span<T> GetSpan(long first, long last) => _ring.GetSpan(first, last);

    /// <summary>The sequences available now, from the one after the last release.</summary>
    /// <param name="range">The available run when the method returns true.</param>
    /// <param name="maxCount">Upper bound on the run's length; 0 (the default) takes at most a quarter of the
    /// ring, so that the producer refills one part while this reader works on another instead of the two
    /// taking turns over the whole ring.</param>
    /// <returns>False when nothing new is available.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out RingRange range, int maxCount = 0)
    {
        var available = _cachedAvailable;
        if (available < _next)
        {
            available = _dependency.Value;
            _cachedAvailable = available;
            if (available < _next)
            {
                range = default;
                return false;
            }
        }

        range = new RingRange(_next, Math.Min(available, _next + (maxCount > 0 ? maxCount : _defaultBatch) - 1));
        return true;
    }

    /// <summary>The slots available now, from the one after the last release, as spans to read.</summary>
    /// <param name="slots">The available slots when the method returns true: the head up to the end of the array
    /// and the tail that wrapped to its start; release <c>slots.Range</c> when done.</param>
    /// <param name="maxCount">Upper bound on the number of slots; 0 takes at most a quarter of the ring.</param>
    /// <returns>False when nothing new is available.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadSpan(out RingSpan<T> slots, int maxCount = 0)
    {
        if (TryRead(out var range, maxCount))
        {
            slots = RingBuffer<T>.Slice(_slots, _offset, _mask, range);
            return true;
        }

        slots = default;
        return false;
    }

    /// <summary>Waits until something is available, or until the ring is completed and drained, and hands the
    /// available slots over as spans.</summary>
    /// <param name="slots">The available slots when the method returns true; release <c>slots.Range</c> when
    /// done.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <param name="maxCount">Upper bound on the number of slots; 0 takes at most a quarter of the ring.</param>
    /// <returns>False once the producer completed the ring and this reader released everything it published.
    /// </returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public bool WaitReadSpan(out RingSpan<T> slots, CancellationToken cancellationToken = default, int maxCount = 0)
    {
        if (TryRead(out var range, maxCount) || WaitReadSlow(out range, cancellationToken, maxCount))
        {
            slots = RingBuffer<T>.Slice(_slots, _offset, _mask, range);
            return true;
        }

        slots = default;
        return false;
    }

    /// <summary>Waits until something is available, or until the ring is completed and drained.</summary>
    /// <param name="range">The available run when the method returns true.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <param name="maxCount">Upper bound on the run's length; 0 takes at most a quarter of the ring.</param>
    /// <returns>False once the producer completed the ring and this reader released everything it published.
    /// </returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public bool WaitRead(out RingRange range, CancellationToken cancellationToken = default, int maxCount = 0)
    {
        if (TryRead(out range, maxCount))
        {
            return true;
        }

        return WaitReadSlow(out range, cancellationToken, maxCount);
    }

    /// <summary>
    /// Waits until something is published beyond this reader's last release, or until the ring is completed and
    /// drained, without reading: it only loads the sequences, so another thread may use the reader meanwhile (a
    /// stage whose work may also be done on the producer's thread, each taking a turn).
    /// </summary>
    /// <returns>False once the producer completed the ring and everything it published was released.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public bool WaitAvailable(CancellationToken cancellationToken = default)
    {
        var context = default(WaitContext);
        try
        {
            while (true)
            {
                if (_dependency.Value > _sequence.Value)
                {
                    return true;
                }

                // Completion is read before the final check, as in WaitRead.
                if (_ring.IsCompleted)
                {
                    return _dependency.Value > _sequence.Value;
                }

                _waitStrategy.Idle(ref context, cancellationToken);
            }
        }
        finally
        {
            _waitStrategy.EndWait(ref context);
        }
    }

    /// <summary>Releases every read sequence up to and including <paramref name="last"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sequence is before the last release or beyond what
    /// was available.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(long last)
    {
        if (last < _next - 1 || last > _cachedAvailable)
        {
            RingThrowHelper.ThrowReleaseOutOfRange(last, _next - 1, _cachedAvailable);
        }

        _next = last + 1;
        _sequence.Set(last);
        if (_signal)
        {
            _waitStrategy.Signal();
        }
    }

    /// <summary>Releases a read range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range was not available.</exception>
    public void Release(RingRange range) => Release(range.Last);

    /// <summary>Releases read slots.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slots were not available.</exception>
    public void Release(in RingSpan<T> slots) => Release(slots.Range.Last);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WaitReadSlow(out RingRange range, CancellationToken cancellationToken, int maxCount)
    {
        var context = default(WaitContext);
        try
        {
            while (true)
            {
                if (TryRead(out range, maxCount))
                {
                    return true;
                }

                // Completion is read before the final check of the dependency: everything published before
                // Complete() is visible once the flag is, so an empty check after it means drained.
                if (_ring.IsCompleted)
                {
                    if (TryRead(out range, maxCount))
                    {
                        return true;
                    }

                    if (_next > _ring.Cursor.Value)
                    {
                        return false;
                    }
                }

                _waitStrategy.Idle(ref context, cancellationToken);
            }
        }
        finally
        {
            _waitStrategy.EndWait(ref context);
        }
    }
}
