using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monolith.Engine.Rings;

/// <summary>
/// A preallocated single-producer ring of slots, the Disruptor way. The producer claims one or more slots,
/// overwrites their contents in place and publishes the last sequence of the claim; readers see every
/// published slot in order and release it when done. Nothing is copied and nothing is allocated per item.
/// </summary>
/// <remarks>
/// <code>
///   producer ── Claim(n) ─ write slots ─ Publish(last) ──▶ cursor
///                                                            │
///   reader A  (gates on the cursor)     ── TryRead ─ Release ▶ A.Sequence
///                                                            │
///   reader B  (gates on A, optional)    ── TryRead ─ Release ▶ B.Sequence
///                                                            │
///   producer waits while (next claim - capacity) &gt; min(A, B): a full ring is backpressure
/// </code>
/// Threading: exactly one thread calls the producer members (<see cref="TryClaim(int, out RingRange)"/>,
/// <see cref="Claim"/>, <see cref="ClaimSpan"/>, <see cref="Publish(long)"/>, <see cref="Complete"/>); each reader
/// is used by one thread. Readers must be added before the first claim. Slot contents are handed over through the
/// release/acquire pair of the published cursor and the reader sequences; slots are never cleared, so a reader sees
/// whatever the producer wrote last.
/// </remarks>
/// <typeparam name="T">The slot type: a struct written in place through <c>ref</c>, or a class created once per
/// slot by the factory whose fields the producer overwrites.</typeparam>
public sealed class RingBuffer<T>
{
    // Unused slots at both ends of the array keep the first and last live slots off the cache lines of
    // whatever the allocator placed next to the array.
    private static readonly int s_slotPadding = Math.Max(1, 128 / Math.Max(1, Unsafe.SizeOf<T>()));

    private readonly T[] _slots;
    private readonly int _offset;
    private readonly long _mask;
    private readonly int _capacity;
    private readonly WaitStrategy _waitStrategy;
    private readonly bool _signal;
    private readonly Sequence _cursor = new();
    private Sequence[] _gating = [];
    private volatile bool _completed;

    // Only the producer thread reads or writes this; padded away from the fields above.
    private ProducerState _producer;

    /// <summary>Creates a ring and preallocates its slots.</summary>
    /// <param name="capacity">Number of slots; a power of two, at least 2.</param>
    /// <param name="slotFactory">Creates each slot once; null leaves slots at <c>default</c> (for structs).</param>
    /// <param name="waitStrategy">How both sides wait; yielding when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not a power of two of at least 2.</exception>
    public RingBuffer(int capacity, Func<T>? slotFactory = null, WaitStrategy? waitStrategy = null)
    {
        if (capacity < 2 || !BitOperations.IsPow2(capacity) || capacity > (1 << 30))
        {
            throw new ArgumentOutOfRangeException(
                nameof(capacity), capacity, "Ring capacity must be a power of two between 2 and 2^30.");
        }

        _producer.Claimed = Sequence.Initial;
        _producer.Published = Sequence.Initial;
        _producer.CachedGatingMinimum = Sequence.Initial;
        _capacity = capacity;
        _mask = capacity - 1;
        _waitStrategy = waitStrategy ?? WaitStrategy.Yielding();
        _signal = _waitStrategy.NeedsSignal;
        (_slots, _offset) = AllocateSlots(capacity);
        if (slotFactory is not null)
        {
            for (var i = 0; i < capacity; i++)
            {
                _slots[_offset + i] = slotFactory();
            }
        }
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _capacity;

    /// <summary>The last published sequence; <see cref="Sequence.Initial"/> before the first publish.</summary>
    public Sequence Cursor => _cursor;

    /// <summary>Whether the producer has completed the ring (readers may still be draining it).</summary>
    public bool IsCompleted => _completed;

    internal WaitStrategy WaitStrategy => _waitStrategy;

    internal T[] Slots => _slots;

    internal long Mask => _mask;

    /// <summary>Index of the slot of sequence 0 in <see cref="Slots"/>.</summary>
    internal int SlotOffset => _offset;

    internal bool SignalsWaiters => _signal;

    /// <summary>The slot for a sequence; valid for the producer between claim and publish, for a reader
    /// between read and release.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_slots), _offset + (int)(sequence & _mask));
    }

    /// <summary>
    /// The longest contiguous run of slots from <paramref name="first"/> to at most <paramref name="last"/>
    /// that does not cross the end of the array; loop until the whole range is covered.
    /// </summary>
    public Span<T> GetSpan(long first, long last)
    {
        var index = (int)(first & _mask);
        var length = (int)Math.Min(last - first + 1, _capacity - index);
        return _slots.AsSpan(_offset + index, Math.Max(0, length));
    }

    /// <summary>The slots of a claimed or read range as at most two spans, split where the range wraps.</summary>
    /// <remarks>The range must be one the caller owns (claimed, or read and not released) and at most a ring long;
    /// the spans are built without bounds checks because that bound keeps them inside the live slots.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static RingSpan<T> Slice(T[] slots, int offset, long mask, RingRange range)
    {
        var index = (int)(range.First & mask);
        var count = range.Count;
        var headLength = Math.Min(count, (int)mask + 1 - index);
        ref var origin = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), offset);
        return new RingSpan<T>(
            range,
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref origin, index), headLength),
            MemoryMarshal.CreateSpan(ref origin, count - headLength));
    }

    /// <summary>Adds a reader. It reads what the producer publishes, or, when <paramref name="after"/> is given,
    /// only what that reader has released (a chain of stages over the same slots).</summary>
    /// <param name="after">An upstream reader of this ring, or null to read the producer's cursor.</param>
    /// <exception cref="InvalidOperationException">The producer has already claimed slots.</exception>
    /// <exception cref="ArgumentException">The upstream reader belongs to another ring.</exception>
    public RingReader<T> AddReader(RingReader<T>? after = null)
    {
        if (Volatile.Read(ref _producer.Started))
        {
            throw new InvalidOperationException("Readers must be added to a ring before its first claim.");
        }

        if (after is not null && !ReferenceEquals(after.Ring, this))
        {
            throw new ArgumentException("The upstream reader belongs to another ring.", nameof(after));
        }

        var reader = new RingReader<T>(this, after?.Sequence ?? _cursor);
        var gating = new Sequence[_gating.Length + 1];
        _gating.CopyTo(gating, 0);
        gating[^1] = reader.Sequence;
        Volatile.Write(ref _gating, gating);
        return reader;
    }

    /// <summary>Claims <paramref name="count"/> consecutive slots if they are free now.</summary>
    /// <param name="count">Number of slots, from 1 to <see cref="Capacity"/>.</param>
    /// <param name="range">The claimed sequences; fill them, then publish the last.</param>
    /// <returns>False when the slowest reader has not yet released enough slots.</returns>
    /// <exception cref="InvalidOperationException">The ring is completed or has no reader.</exception>
    public bool TryClaim(int count, out RingRange range)
    {
        var next = BeginClaim(count);
        var wrapPoint = next - _capacity;
        if (wrapPoint > _producer.CachedGatingMinimum)
        {
            var minimum = GatingMinimum();
            _producer.CachedGatingMinimum = minimum;
            if (wrapPoint > minimum)
            {
                range = default;
                return false;
            }
        }

        range = new RingRange(_producer.Claimed + 1, next);
        _producer.Claimed = next;
        return true;
    }

    /// <summary>Claims <paramref name="count"/> consecutive slots, waiting while the ring is full.</summary>
    /// <param name="count">Number of slots, from 1 to <see cref="Capacity"/>.</param>
    /// <param name="cancellationToken">Ends a wait for space.</param>
    /// <returns>The claimed sequences; fill them, then publish the last.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while the ring was full.</exception>
    /// <exception cref="InvalidOperationException">The ring is completed or has no reader.</exception>
    public RingRange Claim(int count, CancellationToken cancellationToken = default)
    {
        var next = BeginClaim(count);
        var wrapPoint = next - _capacity;
        if (wrapPoint > _producer.CachedGatingMinimum)
        {
            WaitForSpace(wrapPoint, cancellationToken);
        }

        var range = new RingRange(_producer.Claimed + 1, next);
        _producer.Claimed = next;
        return range;
    }

    /// <summary>Claims <paramref name="count"/> consecutive slots if they are free now, as spans to fill.</summary>
    /// <param name="count">Number of slots, from 1 to <see cref="Capacity"/>.</param>
    /// <param name="slots">The claimed slots; fill both spans, then publish.</param>
    /// <returns>False when the slowest reader has not yet released enough slots.</returns>
    /// <exception cref="InvalidOperationException">The ring is completed or has no reader.</exception>
    public bool TryClaimSpan(int count, out RingSpan<T> slots)
    {
        if (TryClaim(count, out var range))
        {
            slots = Slice(_slots, _offset, _mask, range);
            return true;
        }

        slots = default;
        return false;
    }

    /// <summary>Claims <paramref name="count"/> consecutive slots, waiting while the ring is full, as spans to
    /// fill: the head up to the end of the array and the tail that wrapped to its start.</summary>
    /// <param name="count">Number of slots, from 1 to <see cref="Capacity"/>.</param>
    /// <param name="cancellationToken">Ends a wait for space.</param>
    /// <returns>The claimed slots; fill both spans, then publish.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while the ring was full.</exception>
    /// <exception cref="InvalidOperationException">The ring is completed or has no reader.</exception>
    public RingSpan<T> ClaimSpan(int count, CancellationToken cancellationToken = default) =>
        Slice(_slots, _offset, _mask, Claim(count, cancellationToken));

    /// <summary>Makes every claimed slot up to and including <paramref name="last"/> visible to readers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sequence was not claimed or is already published.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long last)
    {
        if (last > _producer.Claimed || last <= _producer.Published)
        {
            RingThrowHelper.ThrowPublishOutOfRange(last, _producer.Published, _producer.Claimed);
        }

        _producer.Published = last;
        _cursor.Set(last);
        if (_signal)
        {
            _waitStrategy.Signal();
        }
    }

    /// <summary>Publishes a claimed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range was not claimed or is already published.</exception>
    public void Publish(RingRange range) => Publish(range.Last);

    /// <summary>Publishes claimed slots.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slots were not claimed or are already published.
    /// </exception>
    public void Publish(in RingSpan<T> slots) => Publish(slots.Range.Last);

    /// <summary>
    /// Ends the stream: readers drain everything published so far and then see completion. Claimed but
    /// unpublished slots are abandoned. Idempotent.
    /// </summary>
    public void Complete()
    {
        _completed = true;
        _waitStrategy.Signal();
    }

    /// <summary>The smallest released sequence over all readers: the producer may not wrap past it.</summary>
    internal long GatingMinimum()
    {
        var gating = _gating;
        var minimum = long.MaxValue;
        foreach (var sequence in gating)
        {
            var value = sequence.Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }

        return minimum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long BeginClaim(int count)
    {
        if ((uint)(count - 1) >= (uint)_capacity)
        {
            RingThrowHelper.ThrowClaimCount(count, _capacity);
        }

        if (!_producer.Started)
        {
            Start();
        }

        if (_completed)
        {
            RingThrowHelper.ThrowCompleted();
        }

        return _producer.Claimed + count;
    }

    /// <summary>
    /// The slot array and the index of the first live slot. Slots of plain values go to the pinned heap, so that
    /// the first can start a 128-byte block (a pair of cache lines, which x86 prefetchers fetch together) and stay
    /// there: a claim of a multiple of that size then never shares a line with the slots a reader is still on,
    /// which would bounce the line between the two cores on every batch. Slots that hold references cannot be
    /// pinned and keep the padding alone.
    /// </summary>
    private static (T[] Slots, int Offset) AllocateSlots(int capacity)
    {
        var size = Unsafe.SizeOf<T>();
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() || 128 % size != 0)
        {
            return (new T[capacity + (2 * s_slotPadding)], s_slotPadding);
        }

        var perBlock = 128 / size;
        var slots = GC.AllocateArray<T>(capacity + (2 * s_slotPadding) + perBlock, pinned: true);
        var handle = GCHandle.Alloc(slots, GCHandleType.Pinned);
        var address = (long)handle.AddrOfPinnedObject() + ((long)s_slotPadding * size);
        handle.Free();
        var misalignment = (int)(address & 127);
        var offset = s_slotPadding + (misalignment == 0 ? 0 : (128 - misalignment) / size);
        return (slots, offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Start()
    {
        if (_gating.Length == 0)
        {
            RingThrowHelper.ThrowNoReader();
        }

        Volatile.Write(ref _producer.Started, true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForSpace(long wrapPoint, CancellationToken cancellationToken)
    {
        var context = default(WaitContext);
        try
        {
            while (true)
            {
                var minimum = GatingMinimum();
                if (wrapPoint <= minimum)
                {
                    _producer.CachedGatingMinimum = minimum;
                    return;
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
