namespace Monolith.Engine.Enrichment.State;

/// <summary>
/// The output of a store read: the value's bytes copied out of the log, into a buffer reused read after read. A
/// class, so that a read that completes later (from disk) fills the same object the caller holds.
/// </summary>
internal sealed class StoreReadBuffer
{
    private byte[] _data = new byte[256];

    public bool Found { get; private set; }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Value => _data.AsSpan(0, Length);

    public void Clear()
    {
        Found = false;
        Length = 0;
    }

    public void Set(ReadOnlySpan<byte> value)
    {
        if (_data.Length < value.Length)
        {
            _data = new byte[Math.Max(value.Length, _data.Length * 2)];
        }

        value.CopyTo(_data);
        Length = value.Length;
        Found = true;
    }
}
