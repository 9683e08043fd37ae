using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monolith.Engine.Rollups.Sketches;

/// <summary>
/// One group's exact multiset of dictionary ids for COUNT(DISTINCT): the ids in sorted pages of at most
/// <see cref="PageLimit"/>, 4 bytes an id and a byte for its count; the rare count outside 1 to 255 (a retraction
/// of an id never added, or a very frequent value) lives in a side map. Compared with a hash map of id to count
/// this holds a value in about 6 bytes instead of 24 to 48.
/// <para>
/// Copy-on-write in pages: a published set is never changed. The writer clones the set's page directory once
/// per epoch (<see cref="Clone"/>, a few bytes a page) and each page the first time the epoch changes it, so
/// that publishing costs in proportion to the pages touched, not to the set. A page records the epoch that
/// created it in its header; a page of an earlier epoch may be published and is copied before a change.
/// </para>
/// </summary>
internal sealed class DistinctSet
{
    /// <summary>Most ids a page holds; a full page splits in two.</summary>
    public const int PageLimit = 256;

    // Page layout: [0] number of ids, [1] the epoch that may change the page in place, [2] capacity, then the
    // sorted ids, then their counts as bytes (0: the count is in the side map).
    private const int Header = 3;

    private int[][] _pages;

    // Per page a lower bound of its ids and the upper bound (exclusive) of the page before: where an id belongs
    // is found without touching the pages. The first page's bound is 0, below every id.
    private int[] _firsts;
    private int _pageCount;

    // Id to count for ids whose count does not fit a byte; null while there is none.
    private CountMap<int>? _extra;

    public DistinctSet(int epoch)
    {
        Epoch = epoch;
        _pages = [NewPage(4, epoch)];
        _firsts = [0];
        _pageCount = 1;
    }

    private DistinctSet(DistinctSet source, int epoch)
    {
        Epoch = epoch;
        _pageCount = source._pageCount;
        _pages = source._pages[.._pageCount];
        _firsts = source._firsts[.._pageCount];
        _extra = source._extra;
        Size = source.Size;
    }

    /// <summary>The writer epoch that may change the set's directory in place.</summary>
    public int Epoch { get; }

    /// <summary>Ids held (with a count other than 0).</summary>
    public int Size { get; private set; }

    /// <summary>Bytes of the set: its object, directory, pages and side map.</summary>
    public long Bytes
    {
        get
        {
            long bytes = 56 + 24 + ((long)_pages.Length * IntPtr.Size) + 24 + ((long)_firsts.Length * sizeof(int));
            for (var p = 0; p < _pageCount; p++)
            {
                bytes += 24 + ((long)_pages[p].Length * sizeof(int));
            }

            return bytes + (_extra?.Bytes ?? 0);
        }
    }

    /// <summary>A writable copy for epoch <paramref name="epoch"/> that shares every page with this one.</summary>
    public DistinctSet Clone(int epoch) => new(this, epoch);

    /// <summary>Adds <paramref name="delta"/> to an id's count and returns the count before.</summary>
    public long Add(int id, long delta)
    {
        var page = FindPage(id);
        var ids = _pages[page];
        var position = LowerBound(ids, id);
        if (position < ids[0] && ids[Header + position] == id)
        {
            var stored = Counts(ids)[position];
            long before = stored != 0 ? stored : _extra!.Get(id);
            var after = before + delta;
            if (delta == 0)
            {
                return before;
            }

            if (stored == 0)
            {
                Extra().Add(id, -before);
            }

            if (after == 0)
            {
                RemoveAt(page, position);
            }
            else
            {
                Counts(WritablePage(page, ids[0]))[position] = Fits(after) ? (byte)after : (byte)0;
                if (!Fits(after))
                {
                    Extra().Add(id, after);
                }
            }

            return before;
        }

        if (delta != 0)
        {
            InsertAt(page, position, id, Fits(delta) ? (byte)delta : (byte)0);
            if (!Fits(delta))
            {
                Extra().Add(id, delta);
            }
        }

        return 0;
    }

    /// <summary>Calls <paramref name="add"/> with every id whose count is positive.</summary>
    public void ForEachPresent<TState>(TState state, Action<TState, int> add)
    {
        for (var p = 0; p < _pageCount; p++)
        {
            var page = _pages[p];
            var ids = page.AsSpan(Header, page[0]);
            var counts = Counts(page);
            for (var i = 0; i < ids.Length; i++)
            {
                if (counts[i] != 0 || _extra!.Get(ids[i]) > 0)
                {
                    add(state, ids[i]);
                }
            }
        }
    }

    /// <summary>
    /// Sets the bit of every id whose count is positive in <paramref name="bitmap"/> (bit <c>id % 64</c> of word
    /// <c>id / 64</c>) and returns how many bits were newly set.
    /// </summary>
    public long OrInto(Span<ulong> bitmap)
    {
        var added = 0L;
        for (var p = 0; p < _pageCount; p++)
        {
            var page = _pages[p];
            var ids = page.AsSpan(Header, page[0]);
            var counts = Counts(page);
            for (var i = 0; i < ids.Length; i++)
            {
                var id = ids[i];
                if (counts[i] != 0 || _extra!.Get(id) > 0)
                {
                    ref var word = ref bitmap[id >> 6];
                    var bit = 1UL << id;
                    added += (long)((~word & bit) >> (id & 63));
                    word |= bit;
                }
            }
        }

        return added;
    }

    /// <summary>The count of an id, 0 when absent.</summary>
    public long Get(int id)
    {
        var ids = _pages[FindPage(id)];
        var position = LowerBound(ids, id);
        if (position == ids[0] || ids[Header + position] != id)
        {
            return 0;
        }

        var stored = Counts(ids)[position];
        return stored != 0 ? stored : _extra!.Get(id);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fits(long count) => count is > 0 and <= byte.MaxValue;

    /// <summary>The count bytes of a page, after its ids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<byte> Counts(int[] page) => MemoryMarshal.AsBytes(page.AsSpan(Header + page[2]));

    private CountMap<int> Extra()
    {
        if (_extra is null)
        {
            _extra = new CountMap<int> { Epoch = Epoch };
        }
        else if (_extra.Epoch != Epoch)
        {
            _extra = _extra.Clone();
            _extra.Epoch = Epoch;
        }

        return _extra;
    }

    /// <summary>The page whose range holds <paramref name="id"/>: the last page whose bound is not above it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindPage(int id)
    {
        var first = 0;
        var count = _pageCount;
        var firsts = _firsts;
        while (count > 1)
        {
            var half = count >> 1;
            first = firsts[first + half] <= id ? first + half : first;
            count -= half;
        }

        return first;
    }

    /// <summary>The position of the first id of a page not below <paramref name="id"/> (branch-free halving).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LowerBound(int[] page, int id)
    {
        var length = page[0];
        if (length == 0)
        {
            return 0;
        }

        var first = Header;
        while (length > 1)
        {
            var half = length >> 1;
            first = page[first + half] < id ? first + half : first;
            length -= half;
        }

        return first - Header + (page[first] < id ? 1 : 0);
    }

    private static int[] NewPage(int capacity, int epoch)
    {
        var page = new int[Header + capacity + ((capacity + 3) >> 2)];
        page[1] = epoch;
        page[2] = capacity;
        return page;
    }

    /// <summary>Page <paramref name="page"/> made private to this epoch with room for at least
    /// <paramref name="length"/> ids.</summary>
    private int[] WritablePage(int page, int length)
    {
        var ids = _pages[page];
        var capacity = ids[2];
        if (ids[1] == Epoch && capacity >= length)
        {
            return ids;
        }

        if (capacity < length)
        {
            capacity = Math.Min(PageLimit, Math.Max(length, capacity + (capacity >> 1) + 2));
        }

        var copy = NewPage(capacity, Epoch);
        var count = ids[0];
        ids.AsSpan(Header, count).CopyTo(copy.AsSpan(Header));
        Counts(ids)[..count].CopyTo(Counts(copy));
        copy[0] = count;
        _pages[page] = copy;
        return copy;
    }

    private void InsertAt(int page, int position, int id, byte count)
    {
        var length = _pages[page][0];
        if (length == PageLimit)
        {
            Split(page);
            if (position > PageLimit / 2)
            {
                page++;
                position -= PageLimit / 2;
            }

            length = _pages[page][0];
        }

        var ids = WritablePage(page, length + 1);
        ids.AsSpan(Header + position, length - position).CopyTo(ids.AsSpan(Header + position + 1));
        ids[Header + position] = id;
        var counts = Counts(ids);
        counts[position..length].CopyTo(counts[(position + 1)..]);
        counts[position] = count;
        ids[0] = length + 1;
        Size++;
    }

    private void RemoveAt(int page, int position)
    {
        var length = _pages[page][0];
        Size--;
        if (length == 1 && _pageCount > 1)
        {
            Array.Copy(_pages, page + 1, _pages, page, _pageCount - page - 1);
            Array.Copy(_firsts, page + 1, _firsts, page, _pageCount - page - 1);
            _pageCount--;
            _pages[_pageCount] = null!;
            _firsts[0] = 0;
            return;
        }

        var ids = WritablePage(page, length);
        ids.AsSpan(Header + position + 1, length - position - 1).CopyTo(ids.AsSpan(Header + position));
        var counts = Counts(ids);
        counts[(position + 1)..length].CopyTo(counts[position..]);
        ids[0] = length - 1;
    }

    /// <summary>Splits a full page into two halves, each with room to grow.</summary>
    private void Split(int page)
    {
        var full = _pages[page];
        const int half = PageLimit / 2;
        var low = NewPage(half + (half >> 2), Epoch);
        var high = NewPage(half + (half >> 2), Epoch);
        full.AsSpan(Header, half).CopyTo(low.AsSpan(Header));
        full.AsSpan(Header + half, half).CopyTo(high.AsSpan(Header));
        Counts(full)[..half].CopyTo(Counts(low));
        Counts(full)[half..PageLimit].CopyTo(Counts(high));
        low[0] = half;
        high[0] = half;
        if (_pageCount == _pages.Length)
        {
            Array.Resize(ref _pages, _pageCount * 2);
            Array.Resize(ref _firsts, _pageCount * 2);
        }

        Array.Copy(_pages, page + 1, _pages, page + 2, _pageCount - page - 1);
        Array.Copy(_firsts, page + 1, _firsts, page + 2, _pageCount - page - 1);
        _pages[page] = low;
        _pages[page + 1] = high;
        _firsts[page + 1] = high[Header];
        _pageCount++;
    }
}
