using System.Runtime.CompilerServices;

namespace Monolith.Engine.Rollups.Storage;

/// <summary>
/// A copy-on-write column of exact 128-bit sums that costs 8 bytes a group while the sums fit in 64 bits.
/// <para>
/// Each value is held as <c>high * 2^64 + low</c> with <c>low</c> a signed 64-bit word. Every group has its low
/// word (a <see cref="CowColumn{T}"/>); high words exist only for the chunks of groups where some sum once left
/// the 64-bit range, and are zero elsewhere. Because the split keeps <c>low</c> signed, adding a delta that fits
/// in 64 bits to <c>low</c> without a signed overflow leaves the value exact whatever the high word is: the hot
/// path never looks at high words. Only an overflowing addition (or a delta that does not fit in 64 bits) takes
/// <see cref="AddWide"/>, which gives the chunk its high words and carries.
/// </para>
/// <para>
/// High-word chunks follow the same copy-on-write discipline as <see cref="CowColumn{T}"/>: a published
/// snapshot keeps the chunk table and chunks it saw; the writer copies a shared chunk (and, once per epoch, the
/// table) before changing it.
/// </para>
/// </summary>
internal sealed class WideSumColumn
{
    private readonly CowColumn<long> _low = new();
    private long[]?[] _high = [];
    private int[] _highOwner = [];
    private bool _highShared;
    private int _epoch = 1;
    private int _highChunks;

    /// <summary>Number of values the allocated chunks hold.</summary>
    public int Capacity => _low.Capacity;

    /// <summary>Chunks whose groups carry high words.</summary>
    public int WideChunks => _highChunks;

    /// <summary>Bytes held: the low words of every allocated chunk and the high words of wide chunks.</summary>
    public long Bytes => _low.Bytes + ((long)_highChunks * CowColumn<long>.ChunkSize * sizeof(long))
                         + ((long)_high.Length * IntPtr.Size);

    /// <summary>Makes room for values with indexes below <paramref name="count"/>; new values are zero.</summary>
    public void EnsureCapacity(int count) => _low.EnsureCapacity(count);

    /// <summary>The writer's current value at <paramref name="index"/>.</summary>
    public Int128 Get(int index)
    {
        var low = _low.Get(index);
        var chunk = index >> CowColumn<long>.ChunkShift;
        return chunk < _high.Length && _high[chunk] is { } high
            ? ((Int128)high[index & CowColumn<long>.ChunkMask] << 64) + low
            : low;
    }

    /// <summary>A writable reference to the low word at <paramref name="index"/> for the hot path: adding a
    /// 64-bit delta to it without a signed overflow is an exact addition to the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref long Low(int index) => ref _low.Writable(index);

    /// <summary>
    /// Adds any 128-bit delta to the value at <paramref name="index"/>, carrying into the chunk's high words.
    /// Returns false, leaving the value unchanged, when the sum would not fit in this representation: past
    /// <c>Int128</c>, or within 2^63 of its largest value, where the high word would leave 64 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool AddWide(int index, Int128 delta)
    {
        var value = Get(index);
        var sum = value + delta;
        if (((value ^ sum) & (delta ^ sum)) < 0)
        {
            return false;
        }

        // low is sum's low 64 bits read as signed; the high word absorbs the borrow that reading implies.
        var low = (long)sum;
        var top = (long)(sum >> 64);
        if (low < 0)
        {
            if (top == long.MaxValue)
            {
                return false;
            }

            top++;
        }

        _low.Writable(index) = low;
        if (top != 0 || HasHigh(index))
        {
            WritableHigh(index >> CowColumn<long>.ChunkShift)[index & CowColumn<long>.ChunkMask] = top;
        }

        return true;
    }

    /// <summary>Sets the value at <paramref name="index"/> to zero.</summary>
    public void Reset(int index)
    {
        if (_low.Get(index) != 0)
        {
            _low.Writable(index) = 0;
        }

        if (HasHigh(index) && _high[index >> CowColumn<long>.ChunkShift]![index & CowColumn<long>.ChunkMask] != 0)
        {
            WritableHigh(index >> CowColumn<long>.ChunkShift)[index & CowColumn<long>.ChunkMask] = 0;
        }
    }

    private bool HasHigh(int index)
    {
        var chunk = index >> CowColumn<long>.ChunkShift;
        return chunk < _high.Length && _high[chunk] is not null;
    }

    private long[] WritableHigh(int chunk)
    {
        if (chunk >= _high.Length)
        {
            var size = Math.Max(chunk + 1, Math.Max(4, _high.Length * 2));
            var table = new long[]?[size];
            Array.Copy(_high, table, _high.Length);
            Array.Resize(ref _highOwner, size);
            _high = table;
            _highShared = false;
        }

        if (_high[chunk] is { } existing && _highOwner[chunk] == _epoch)
        {
            return existing;
        }

        if (_highShared)
        {
            _high = (long[]?[])_high.Clone();
            _highShared = false;
        }

        if (_high[chunk] is null)
        {
            _highChunks++;
        }

        var fresh = _high[chunk] is { } shared ? (long[])shared.Clone() : new long[CowColumn<long>.ChunkSize];
        _high[chunk] = fresh;
        _highOwner[chunk] = _epoch;
        return fresh;
    }

    /// <summary>Publishes the first <paramref name="count"/> values and starts a new epoch.</summary>
    public WideSumSnapshot Publish(int count)
    {
        _highShared = true;
        _epoch++;
        return new WideSumSnapshot(_low.Publish(count), _highChunks == 0 ? [] : _high);
    }
}
