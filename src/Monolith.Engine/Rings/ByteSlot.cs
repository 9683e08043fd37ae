namespace Monolith.Engine.Rings;

/// <summary>
/// A ring slot that owns a reusable byte buffer: the producer copies an encoded item into it, growing the
/// buffer only when an item is larger than any before, so the steady state allocates nothing.
/// </summary>
public sealed class ByteSlot
{
    private byte[] _buffer;

    /// <summary>Creates a slot with an initial buffer.</summary>
    /// <param name="initialCapacity">Initial buffer size in bytes.</param>
    public ByteSlot(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>A small tag the producer may set, e.g. the kind of item.</summary>
    public int Kind { get; set; }

    /// <summary>Number of meaningful bytes.</summary>
    public int Length { get; private set; }

    /// <summary>The meaningful bytes.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Length);

    /// <summary>Size of the owned buffer.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Replaces the contents with <paramref name="data"/>.</summary>
    public void Set(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetWriteSpan(data.Length));
        Length = data.Length;
    }

    /// <summary>A span of exactly <paramref name="length"/> bytes to write in place; sets the length.</summary>
    public Span<byte> GetWriteSpan(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > _buffer.Length)
        {
            // Doubling bounds the number of regrowths to log2 of the largest item.
            _buffer = new byte[Math.Max(length, Math.Min(Array.MaxLength, _buffer.Length * 2))];
        }

        Length = length;
        return _buffer.AsSpan(0, length);
    }
}
