namespace Monolith.Engine.Rings;

/// <summary>
/// A sequence number that one thread advances and others observe: the ring's published cursor, or the
/// position up to which a reader has released its slots. Padded so that the writer's stores never invalidate
/// the cache line of a neighbouring counter.
/// </summary>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been published or released.</summary>
    public const long Initial = -1;

    private PaddedLong _value;

    internal Sequence() => _value.Value = Initial;

    /// <summary>The current value, read with acquire semantics.</summary>
    public long Value => Volatile.Read(ref _value.Value);

    /// <summary>Stores a new value with release semantics: every write before it is visible first.</summary>
    internal void Set(long value) => Volatile.Write(ref _value.Value, value);
}
