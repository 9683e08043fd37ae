using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monolith.Engine.Changes;

/// <summary>
/// A growable block of native memory aligned to 64 bytes, the alignment Arrow recommends and the width of a
/// cache line and of an AVX-512 register. Exposed to Arrow as <see cref="Memory{T}"/> without a copy.
/// One of the few files with <c>unsafe</c> code: every pointer in the engine's column buffers lives here.
/// </summary>
/// <remarks>
/// Ownership: a buffer belongs to one column builder while it is filled and to one batch while the batch is
/// read; it is never shared by two writers. Growing moves the block, so <see cref="Memory{T}"/> handed out
/// before a growth must not be used after it; builders grow only while they own the buffer exclusively.
/// A finalizer frees the block if its owner is dropped without being disposed.
/// </remarks>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    /// <summary>Alignment of every block, in bytes.</summary>
    public const int Alignment = 64;

    private byte* _pointer;
    private int _capacity;

    /// <summary>Allocates a zeroed block of at least <paramref name="capacity"/> bytes.</summary>
    public AlignedBuffer(int capacity)
    {
        _capacity = RoundUp(Math.Max(capacity, Alignment));
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)_capacity, Alignment);
        NativeMemory.Clear(_pointer, (nuint)_capacity);
        GC.AddMemoryPressure(_capacity);
    }

    // Frees a block whose owner was dropped undisposed. Every Arrow array built over the block holds this
    // manager through its Memory<byte>, so the block outlives all arrays that can reach it.
    [SuppressMessage("Reliability", "CA2015", Justification = "Arrays over the block keep the manager alive.")]
    ~AlignedBuffer() => Dispose(false);

    /// <summary>Size of the block in bytes.</summary>
    public int Capacity => _capacity;

    /// <summary>Reference to the first byte; re-read after any growth.</summary>
    public ref byte Reference
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref *_pointer;
    }

    /// <summary>The whole block as a span.</summary>
    public Span<byte> Span => new(_pointer, _capacity);

    /// <summary>Grows the block to hold at least <paramref name="required"/> bytes, keeping the first
    /// <paramref name="preserve"/> bytes and zeroing the rest.</summary>
    /// <exception cref="InvalidOperationException">The size exceeds what one Arrow buffer can address.</exception>
    public void EnsureCapacity(int required, int preserve)
    {
        if (required <= _capacity)
        {
            return;
        }

        Grow(required, preserve);
    }

    /// <summary>Zeroes the first <paramref name="length"/> bytes.</summary>
    public void Clear(int length) => NativeMemory.Clear(_pointer, (nuint)Math.Min(length, _capacity));

    /// <summary>Frees the block now rather than at finalization.</summary>
    public void Free() => ((IDisposable)this).Dispose();

    /// <inheritdoc/>
    public override Span<byte> GetSpan() => new(_pointer, _capacity);

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            GC.RemoveMemoryPressure(_capacity);
            _pointer = null;
            _capacity = 0;
        }
    }

    private static int RoundUp(int value) => (value + Alignment - 1) & ~(Alignment - 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int required, int preserve)
    {
        // Doubling keeps the number of moves logarithmic in the largest batch seen.
        var target = Math.Max(required, (int)Math.Min(int.MaxValue - Alignment, 2L * _capacity));
        if (target > int.MaxValue - Alignment)
        {
            throw new InvalidOperationException(
                $"A column buffer of {required} bytes exceeds the 2 GiB an Arrow buffer can address; " +
                "close batches earlier.");
        }

        var capacity = RoundUp(target);
        var pointer = (byte*)NativeMemory.AlignedAlloc((nuint)capacity, Alignment);
        var keep = Math.Min(preserve, _capacity);
        Buffer.MemoryCopy(_pointer, pointer, capacity, keep);
        NativeMemory.Clear(pointer + keep, (nuint)(capacity - keep));
        NativeMemory.AlignedFree(_pointer);
        GC.RemoveMemoryPressure(_capacity);
        GC.AddMemoryPressure(capacity);
        _pointer = pointer;
        _capacity = capacity;
    }
}
