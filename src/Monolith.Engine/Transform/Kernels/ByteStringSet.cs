namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// A read-only set of byte strings probed with spans, so that <c>text IN (...)</c> hashes each row's bytes in
/// place without creating a string or an array. Open addressing over a power-of-two table.
/// </summary>
internal sealed class ByteStringSet
{
    private readonly byte[][] _entries;
    private readonly int[] _slots;
    private readonly int _mask;

    public ByteStringSet(IEnumerable<byte[]> values)
    {
        var distinct = new List<byte[]>();
        foreach (var value in values)
        {
            if (!distinct.Any(existing => existing.AsSpan().SequenceEqual(value)))
            {
                distinct.Add(value);
            }
        }

        _entries = [.. distinct];
        var size = 4;
        while (size < _entries.Length * 2)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _slots = new int[size];
        Array.Fill(_slots, -1);
        for (var i = 0; i < _entries.Length; i++)
        {
            var slot = Hash(_entries[i]) & _mask;
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i;
        }
    }

    public bool Contains(ReadOnlySpan<byte> value)
    {
        var slot = Hash(value) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry < 0)
            {
                return false;
            }

            if (_entries[entry].AsSpan().SequenceEqual(value))
            {
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = default(HashCode);
        hash.AddBytes(value);
        return hash.ToHashCode() & int.MaxValue;
    }
}
