using System.Buffers;

namespace Monolith.Binlog.Primitives;

/// <summary>
/// A reusable byte buffer rented from the shared pool that grows on demand up to a hard limit, so that
/// decompression and staging neither allocate per event nor grow without bound.
/// </summary>
internal sealed class GrowableBuffer : IDisposable
{
    private byte[] _array;

    public GrowableBuffer(int initialSize = 4096)
    {
        _array = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    public byte[] Array => _array;

    public int Length { get; set; }

    public Span<byte> Written => _array.AsSpan(0, Length);

    /// <summary>Makes room for <paramref name="capacity"/> bytes
    /// in total, keeping the first <see cref="Length"/>.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _array.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(
            Math.Max(capacity, Math.Min(_array.Length * 2, System.Array.MaxLength)));
        _array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    /// <summary>Returns a large array to the pool once the burst that needed it is over.</summary>
    public void Shrink(int keep)
    {
        if (_array.Length > keep && Length <= keep)
        {
            var smaller = ArrayPool<byte>.Shared.Rent(keep);
            _array.AsSpan(0, Length).CopyTo(smaller);
            ArrayPool<byte>.Shared.Return(_array);
            _array = smaller;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
