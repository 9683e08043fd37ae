namespace Monolith.Engine.Rings;

/// <summary>
/// A claimed or read run of slots as at most two spans over the ring's array: <see cref="Head"/> runs from the
/// first sequence towards the end of the array, <see cref="Tail"/> holds what wrapped round to its start (empty
/// unless the run crosses the end). Filling or reading the run is two plain span loops, with no sequence
/// arithmetic per slot.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
public readonly ref struct RingSpan<T>
{
    internal RingSpan(RingRange range, Span<T> head, Span<T> tail)
    {
        Range = range;
        Head = head;
        Tail = tail;
    }

    /// <summary>The sequences of the run: publish or release its <see cref="RingRange.Last"/>.</summary>
    public RingRange Range { get; }

    /// <summary>The slots of the sequences from <see cref="RingRange.First"/> up to the end of the array.</summary>
    public Span<T> Head { get; }

    /// <summary>The slots of the sequences after <see cref="Head"/>, from the start of the array.</summary>
    public Span<T> Tail { get; }

    /// <summary>Number of slots in the run.</summary>
    public int Length => Head.Length + Tail.Length;

    /// <summary>Whether the run holds no slot (the default value).</summary>
    public bool IsEmpty => Head.IsEmpty;

    /// <summary>Copies <paramref name="source"/> into the run, head first.</summary>
    /// <exception cref="ArgumentException">The source is not exactly as long as the run.</exception>
    public void CopyFrom(ReadOnlySpan<T> source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException(
                $"The source holds {source.Length} items but the ring run holds {Length} slots.", nameof(source));
        }

        source[..Head.Length].CopyTo(Head);
        source[Head.Length..].CopyTo(Tail);
    }

    /// <summary>Copies the run, head first, to the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the run.</exception>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} items but the ring run holds {Length} slots.",
                nameof(destination));
        }

        Head.CopyTo(destination);
        Tail.CopyTo(destination[Head.Length..]);
    }
}
